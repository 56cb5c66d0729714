import { afterEach, describe, expect, it } from "vitest";
import { isSealed, openSecret, sealSecret } from "./secrets";

const saved = { key: process.env.BATON_ENCRYPTION_KEY, auth: process.env.NEXTAUTH_SECRET };
afterEach(() => {
  process.env.BATON_ENCRYPTION_KEY = saved.key;
  process.env.NEXTAUTH_SECRET = saved.auth;
  if (saved.key === undefined) delete process.env.BATON_ENCRYPTION_KEY;
  if (saved.auth === undefined) delete process.env.NEXTAUTH_SECRET;
});

describe("secrets at rest", () => {
  it("seals to a value that does not contain the secret, differs each time, and opens to it", () => {
    process.env.NEXTAUTH_SECRET = "a-test-auth-secret-0123456789";
    const secret = "whsec-🔑-correct horse battery staple";
    const [one, two] = [sealSecret(secret), sealSecret(secret)];
    expect(isSealed(one)).toBe(true);
    expect(one).not.toContain("correct horse");
    expect(one).not.toBe(two); // a fresh IV each time
    expect(openSecret(one)).toBe(secret);
    expect(openSecret(two)).toBe(secret);
  });

  it("prefers BATON_ENCRYPTION_KEY, refuses a key of the wrong size, and detects tampering or a changed key", () => {
    process.env.BATON_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    const sealed = sealSecret("s3cret-value-123456");
    expect(openSecret(sealed)).toBe("s3cret-value-123456");
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => openSecret(tampered)).toThrow();
    process.env.BATON_ENCRYPTION_KEY = Buffer.alloc(32, 8).toString("base64");
    expect(() => openSecret(sealed)).toThrow();
    process.env.BATON_ENCRYPTION_KEY = Buffer.alloc(16).toString("base64");
    expect(() => sealSecret("x")).toThrow(/32 random bytes/);
  });

  it("reads a value stored before encryption as it is, so an upgrade keeps working", () => {
    process.env.NEXTAUTH_SECRET = "a-test-auth-secret-0123456789";
    expect(openSecret("legacy-plain-secret-0123")).toBe("legacy-plain-secret-0123");
  });
});
