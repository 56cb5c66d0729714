import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, fieldErrors, forbidden, notFound, parseInput, toErrorBody } from "./errors";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toErrorBody", () => {
  it("maps an AppError to its status, code, message, fields and details", () => {
    const error = new AppError("conflict", "Taken.", { slug: ["This URL name is taken."] }, { current: { id: "t1", version: 3 } });
    expect(toErrorBody(error)).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: "Taken.", fields: { slug: ["This URL name is taken."] }, current: { id: "t1", version: 3 } } },
    });
  });

  it("omits fields when an AppError has none, and uses the status table", () => {
    expect(toErrorBody(notFound("Task not found."))).toEqual({ status: 404, body: { error: { code: "not_found", message: "Task not found." } } });
    expect(toErrorBody(forbidden()).status).toBe(403);
    expect(toErrorBody(new AppError("payload_too_large", "Too big.")).status).toBe(413);
    expect(toErrorBody(new AppError("invalid", "Bad.")).status).toBe(400);
  });

  it("maps a ZodError to 400 with a message per field (nested paths joined with dots, root as _)", () => {
    const schema = z.object({ title: z.string().min(1, "Enter a title."), labels: z.array(z.string().max(2, "Too long.")) });
    const result = schema.safeParse({ title: "", labels: ["ok", "long"] });
    expect(result.success).toBe(false);
    expect(toErrorBody(result.error)).toEqual({
      status: 400,
      body: { error: { code: "invalid", message: "Some fields are not valid.", fields: { title: ["Enter a title."], "labels.1": ["Too long."] } } },
    });
    const root = z.string({ error: "Need a string." }).safeParse(42);
    expect(fieldErrors(root.error as z.ZodError)).toEqual({ _: ["Need a string."] });
  });

  it("maps PostgreSQL refusing a NUL character (22021 in text, 22P05 in jsonb) to 400, not 500", () => {
    for (const originalCode of ["22021", "22P05"]) {
      // The shape Prisma's driver adapter gives a database error (P2039, or P2010 for raw queries).
      const error = Object.assign(new Error("Database error."), { code: "P2039", meta: { driverAdapterError: { cause: { originalCode } } } });
      expect(toErrorBody(error)).toEqual({
        status: 400,
        body: { error: { code: "invalid", message: "Text cannot contain the NUL character (U+0000). Remove it and try again." } },
      });
    }
  });

  it("maps an unknown error to a generic 500 that leaks nothing, and logs the original", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("Cannot read properties of undefined (reading 'password=hunter2')");
    const { status, body } = toErrorBody(secret);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: "internal", message: "Something went wrong on our side." } });
    const serialised = JSON.stringify(body);
    expect(serialised).not.toContain("hunter2");
    expect(serialised).not.toContain("Cannot read");
    expect(log).toHaveBeenCalledWith(secret);
    // Thrown non-errors are handled the same way.
    expect(toErrorBody("boom").body.error.message).toBe("Something went wrong on our side.");
  });
});

describe("toErrorBody for a database that is away", () => {
  it("answers 503 with Retry-After, and leaks nothing of the connection", () => {
    const down = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"), { code: "ECONNREFUSED" });
    const { status, body, headers } = toErrorBody(down);
    expect(status).toBe(503);
    expect(headers).toEqual({ "Retry-After": "2" });
    expect(body.error.code).toBe("unavailable");
    expect(JSON.stringify(body)).not.toMatch(/hunter2|ECONNREFUSED|10\.0\.0\.5/);
  });
});

describe("fieldErrors", () => {
  it("names each unknown key (nested ones under their parent's path) instead of one message for the body", () => {
    const schema = z.strictObject({ title: z.string(), checks: z.strictObject({ status: z.string() }) });
    const result = schema.safeParse({ title: "T", role: "owner", workspaceId: "w1", checks: { status: "passed", url: "x" } });
    expect(fieldErrors(result.error as z.ZodError)).toEqual({ role: ["Unknown field."], workspaceId: ["Unknown field."], "checks.url": ["Unknown field."] });
  });

  it("keeps __proto__, constructor and prototype as plain entries (no prototype to collide with)", () => {
    const schema = z.strictObject({ title: z.string() });
    const result = schema.safeParse(JSON.parse('{"title":"T","__proto__":{"isAdmin":true},"constructor":{"prototype":{}},"prototype":1}'));
    const fields = fieldErrors(result.error as z.ZodError);
    expect(Object.keys(fields).sort()).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.hasOwn(fields, "__proto__")).toBe(true);
    expect(fields["constructor"]).toEqual(["Unknown field."]);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse('{"__proto__":["Unknown field."],"constructor":["Unknown field."],"prototype":["Unknown field."]}'));
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});

describe("parseInput", () => {
  it("returns parsed data or throws an AppError invalid with field messages", () => {
    const schema = z.object({ n: z.number({ error: "A number." }) });
    expect(parseInput(schema, { n: 1 })).toEqual({ n: 1 });
    let thrown: unknown;
    try {
      parseInput(schema, { n: "1" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "invalid", status: 400, fields: { n: ["A number."] } });
  });
});
