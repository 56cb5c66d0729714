// API tokens: `bat_` + 32 base62 characters (~190 random bits). Only a SHA-256 hash is stored;
// the first 12 characters are kept as a prefix to find the row and to show in lists.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const TOKEN_PATTERN = /^bat_[0-9A-Za-z]{32}$/;
export const PREFIX_LENGTH = 12;

/** `length` characters from [0-9A-Za-z], each uniform (rejection sampling: 256 is not a multiple of 62). */
export function randomBase62(length: number): string {
  let body = "";
  while (body.length < length) {
    for (const byte of randomBytes(48)) {
      if (byte < 248 && body.length < length) body += ALPHABET[byte % 62];
    }
  }
  return body;
}

export function generateToken(): string {
  return `bat_${randomBase62(32)}`;
}

export const tokenPrefix = (token: string) => token.slice(0, PREFIX_LENGTH);
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Constant-time comparison of a presented token against a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
