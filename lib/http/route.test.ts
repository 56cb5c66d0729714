import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { readJson } from "./route";

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

  it("reads an empty or blank body as {}", async () => {
    await expect(readJson(post(""))).resolves.toEqual({});
    await expect(readJson(post(" \n "))).resolves.toEqual({});
    await expect(readJson(post())).resolves.toEqual({});
  });
});
