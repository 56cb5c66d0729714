import { createHmac, timingSafeEqual } from "node:crypto";

// GitHub signs every webhook delivery with HMAC-SHA256 of the raw request body, keyed with the
// webhook's secret, and sends it as `X-Hub-Signature-256: sha256=<hex>`. Pure: no I/O.

export const SIGNATURE_HEADER = "x-hub-signature-256";

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

function digest(body: string | Uint8Array, secret: string): Buffer {
  return createHmac("sha256", secret).update(body).digest();
}

/** The header value GitHub would send for this body: `sha256=<lowercase hex>`. */
export function sign(body: string | Uint8Array, secret: string): string {
  return `sha256=${digest(body, secret).toString("hex")}`;
}

/**
 * True when `header` is the signature of exactly these body bytes under `secret`. A missing or
 * malformed header, an empty secret or a signature of another length are all simply false.
 * Compared in constant time, so a wrong signature reveals nothing about the right one.
 */
export function verifySignature(rawBody: string | Uint8Array, secret: string | null | undefined, header: string | null | undefined): boolean {
  if (!secret || !header) return false;
  const hex = HEADER_PATTERN.exec(header.trim())?.[1];
  if (!hex) return false;
  const given = Buffer.from(hex, "hex");
  const expected = digest(rawBody, secret);
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
