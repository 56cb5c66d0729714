import { describe, expect, it } from "vitest";
import { sign, verifySignature } from "./signature";

describe("sign", () => {
  it("matches GitHub's documented example", () => {
    // From GitHub's docs, "Validating webhook deliveries": secret and payload → expected signature.
    expect(sign("Hello, World!", "It's a Secret to Everybody")).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });

  it("signs bytes and the same text alike", () => {
    const text = '{"title":"Ünïcode ✓"}';
    expect(sign(Buffer.from(text, "utf8"), "secret-secret-secret")).toBe(sign(text, "secret-secret-secret"));
  });
});

describe("verifySignature", () => {
  const secret = "a-webhook-secret-of-some-length";
  const body = '{"action":"opened","number":1}';
  const header = sign(body, secret);

  it("accepts the signature of the exact body", () => {
    expect(verifySignature(body, secret, header)).toBe(true);
    expect(verifySignature(Buffer.from(body), secret, header)).toBe(true);
    expect(verifySignature(body, secret, header.toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
  });

  it("refuses another body, even one differing in whitespace only", () => {
    expect(verifySignature(body.replace("1", "2"), secret, header)).toBe(false);
    expect(verifySignature(`${body}\n`, secret, header)).toBe(false);
    expect(verifySignature(JSON.stringify(JSON.parse(body), null, 2), secret, header)).toBe(false);
  });

  it("refuses another secret", () => {
    expect(verifySignature(body, "another-secret-entirely", header)).toBe(false);
  });

  it("refuses missing, empty and malformed headers without throwing", () => {
    const hex = header.slice("sha256=".length);
    for (const bad of [null, undefined, "", "sha256=", hex, `sha1=${hex}`, `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${"z".repeat(64)}`, `sha256=${hex} extra`]) {
      expect(verifySignature(body, secret, bad)).toBe(false);
    }
  });

  it("refuses everything when there is no secret", () => {
    expect(verifySignature(body, "", sign(body, ""))).toBe(false);
    expect(verifySignature(body, null, header)).toBe(false);
    expect(verifySignature(body, undefined, header)).toBe(false);
  });
});
