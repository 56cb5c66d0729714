import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Secrets Baton must be able to read back (the GitHub webhook secret, and provider tokens as they
// come) are stored encrypted: AES-256-GCM with a key from BATON_ENCRYPTION_KEY (32 random bytes,
// base64), or derived from NEXTAUTH_SECRET when that is not set. A database dump or backup then
// holds no usable secret. Stored form: "enc:v1:" + base64url(iv ‖ tag ‖ ciphertext).

const PREFIX = "enc:v1:";

function key(): Buffer {
  const configured = process.env.BATON_ENCRYPTION_KEY;
  if (configured) {
    const bytes = Buffer.from(configured, "base64");
    if (bytes.length !== 32) throw new Error("BATON_ENCRYPTION_KEY must be 32 random bytes, base64-encoded (openssl rand -base64 32).");
    return bytes;
  }
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("Set BATON_ENCRYPTION_KEY (or NEXTAUTH_SECRET) so that secrets can be encrypted at rest.");
  return Buffer.from(hkdfSync("sha256", secret, "baton", "secrets at rest v1", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/**
 * The plain secret. A value stored before encryption existed (no prefix) is returned as it is, so an
 * upgrade keeps working until `sealStoredSecrets` (run by `npm start`) encrypts it. A value sealed
 * with another key throws: the key was changed without re-encrypting.
 */
export function openSecret(stored: string): string {
  if (!isSealed(stored)) return stored;
  const bytes = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}
