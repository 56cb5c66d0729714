import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { MAX_JSON_DEPTH } from "./body-limits";
import { readJson, readNoBody } from "./route";

const post = (body?: string, headers?: Record<string, string>) => new Request("http://x", { method: "POST", body, headers });

async function readError(request: Request, limit?: number): Promise<AppError> {
  try {
    await readJson(request, limit);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("readJson did not throw");
}

describe("readJson", () => {
  it("parses a JSON body", async () => {
    await expect(readJson(post('{"title":"Hi","labels":["a"]}'))).resolves.toEqual({ title: "Hi", labels: ["a"] });
  });

  it("turns invalid JSON into AppError invalid (400)", async () => {
    const error = await readError(post("{title: 'Hi'"));
    expect(error.code).toBe("invalid");
    expect(error.status).toBe(400);
    expect(error.message).toBe("The request body is not valid JSON.");
    expect(error.fields).toEqual({ _: ["The request body is not valid JSON."] });
  });

  it("refuses a body over the limit with payload_too_large (413)", async () => {
    const error = await readError(post(JSON.stringify({ description: "x".repeat(64 * 1024) })));
    expect(error.code).toBe("payload_too_large");
    expect(error.status).toBe(413);
    // The limit counts bytes, not characters: 6 two-byte characters exceed a 10-byte limit.
    expect((await readError(post(JSON.stringify("éééééé")), 10)).code).toBe("payload_too_large");
    await expect(readJson(post('"abcdef"'), 10)).resolves.toBe("abcdef");
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const error = await readError(post("{}", { "content-length": String(64 * 1024 + 1) }));
    expect(error.code).toBe("payload_too_large");
  });

  it("refuses a body that is not UTF-8 with invalid (400), instead of reading replacement characters", async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const error = await readError(new Request("http://x", { method: "POST", body: bytes }));
    expect(error.status).toBe(400);
    expect(error.message).toBe("The request body is not valid UTF-8.");
    expect(error.fields).toEqual({ _: ["The request body is not valid UTF-8."] });
    // Well-formed multi-byte text still reads.
    await expect(readJson(post(JSON.stringify({ title: "Crème brûlée 🍮" })))).resolves.toEqual({ title: "Crème brûlée 🍮" });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses more, however deep, without overflowing the stack`, async () => {
    const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    await expect(readJson(post(nested(MAX_JSON_DEPTH)))).resolves.toBeInstanceOf(Array);
    for (const levels of [MAX_JSON_DEPTH + 1, 10_000, 30_000]) {
      const error = await readError(post(nested(levels)));
      expect(error.status, String(levels)).toBe(400);
      expect(error.message).toMatch(/nested too deeply/);
      expect(Object.keys(error.fields ?? {})).toEqual(["_"]);
    }
    const deepObject = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
    expect((await readError(post(deepObject))).message).toMatch(/nested too deeply/);
  });

  it("refuses U+0000 in any string or key, naming where it is (PostgreSQL text cannot hold it)", async () => {
    const inTitle = await readError(post(JSON.stringify({ title: "a\u0000b" })));
    expect(inTitle.status).toBe(400);
    expect(inTitle.fields).toEqual({ title: ["Text cannot contain the NUL character (U+0000)."] });
    expect((await readError(post(JSON.stringify({ labels: ["ok", "\u0000"] })))).fields).toHaveProperty(["labels.1"]);
    expect((await readError(post(JSON.stringify({ checks: { "lo\u0000g": "x" } })))).fields).toHaveProperty(["checks.lo\u0000g"]);
    expect((await readError(post(JSON.stringify("\u0000")))).fields).toHaveProperty(["_"]);
    // The escape written out, and other control characters, are ordinary text.
    await expect(readJson(post(JSON.stringify({ title: "\\u0000 \t \u0001" })))).resolves.toEqual({ title: "\\u0000 \t \u0001" });
  });

  it("reads an empty or blank body as {}", async () => {
    await expect(readJson(post(""))).resolves.toEqual({});
    await expect(readJson(post(" \n "))).resolves.toEqual({});
    await expect(readJson(post())).resolves.toEqual({});
  });
});

describe("readNoBody", () => {
  const refusal = async (body: string) => {
    try {
      await readNoBody(post(body));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error("readNoBody did not throw");
  };

  it("passes no body, a blank one and {}", async () => {
    for (const body of [undefined, "", "  ", "{}"]) await expect(readNoBody(post(body))).resolves.toBeUndefined();
  });

  it("refuses any field by name, and bodies that are not an object as a whole", async () => {
    expect((await refusal('{"role":"owner","workspaceId":"w"}')).fields).toEqual({ role: ["Unknown field."], workspaceId: ["Unknown field."] });
    expect((await refusal('{"__proto__":{"isAdmin":true}}')).fields).toHaveProperty(["__proto__"]);
    for (const body of ["[]", '"x"', "42", "null"]) expect(Object.keys((await refusal(body)).fields ?? {}), body).toEqual(["_"]);
    expect((await refusal("x".repeat(64 * 1024 + 1))).status).toBe(413);
  });
});
