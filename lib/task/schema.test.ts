import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/core/errors";
import { createTaskSchema, moveTaskSchema, parseTaskKey, updateTaskSchema } from "./schema";

function errorsOf(result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) {
  expect(result.success).toBe(false);
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

describe("parseTaskKey", () => {
  it("parses board key and number, accepting lowercase", () => {
    expect(parseTaskKey("WEB-42")).toEqual({ boardKey: "WEB", number: 42 });
    expect(parseTaskKey("web-42")).toEqual({ boardKey: "WEB", number: 42 });
    expect(parseTaskKey("A1B2-7")).toEqual({ boardKey: "A1B2", number: 7 });
    expect(parseTaskKey("WEB-999999999")).toEqual({ boardKey: "WEB", number: 999_999_999 });
  });

  it("rejects malformed keys", () => {
    for (const key of ["WEB-0", "WEB-", "42", "W-1", "WEB-1234567890", "WEB-042", "1WEB-1", "WEB 42", " WEB-42", "WEB-42x", "ABCDEFGHIJK-1", ""]) {
      expect(parseTaskKey(key), key).toBeNull();
    }
  });
});

describe("createTaskSchema", () => {
  it("fills in defaults and trims the title", () => {
    expect(createTaskSchema.parse({ boardKey: "WEB", title: "  Ship it  " })).toEqual({
      boardKey: "WEB",
      title: "Ship it",
      description: "",
      lane: "untriaged",
      status: "backlog",
      ownerId: null,
      labels: [],
    });
  });

  it("rejects an empty or blank title and a 201-character title, naming the field", () => {
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "" }))).toEqual({ title: ["Enter a title."] });
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "   " }))).toEqual({ title: ["Enter a title."] });
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB" }))).toEqual({ title: ["Enter a title."] });
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "x".repeat(201) }))).toEqual({ title: ["Use at most 200 characters."] });
    expect(createTaskSchema.parse({ boardKey: "WEB", title: "x".repeat(200) }).title).toHaveLength(200);
  });

  it("rejects an unknown lane or status", () => {
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "T", lane: "urgent" }))).toEqual({
      lane: ["Choose a lane: untriaged, delegate or leverage."],
    });
    expect(Object.keys(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "T", status: "doing" })))).toEqual(["status"]);
  });

  it("lowercases, trims and de-duplicates labels", () => {
    const parsed = createTaskSchema.parse({ boardKey: "WEB", title: "T", labels: ["Bug", " bug ", "BUG", "UI/UX", "v1.2"] });
    expect(parsed.labels).toEqual(["bug", "ui/ux", "v1.2"]);
  });

  it("rejects more than 10 labels", () => {
    const labels = Array.from({ length: 11 }, (_, i) => `l${i}`);
    expect(errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "T", labels }))).toEqual({ labels: ["Use at most 10 labels."] });
    expect(createTaskSchema.parse({ boardKey: "WEB", title: "T", labels: labels.slice(0, 10) }).labels).toHaveLength(10);
  });

  it("rejects labels with markup characters, a leading symbol, empty or over 32 characters", () => {
    for (const label of ["<script>", "a<b", 'x"y', "-leading", "", "   ", "x".repeat(33)]) {
      const errors = errorsOf(createTaskSchema.safeParse({ boardKey: "WEB", title: "T", labels: ["ok", label] }));
      expect(Object.keys(errors), label).toEqual(["labels.1"]);
    }
    expect(createTaskSchema.parse({ boardKey: "WEB", title: "T", labels: ["x".repeat(32)] }).labels).toEqual(["x".repeat(32)]);
  });
});

describe("updateTaskSchema", () => {
  it("requires a positive integer version", () => {
    expect(errorsOf(updateTaskSchema.safeParse({ title: "T" }))).toEqual({ version: ["version is required."] });
    expect(Object.keys(errorsOf(updateTaskSchema.safeParse({ version: 0 })))).toEqual(["version"]);
    expect(Object.keys(errorsOf(updateTaskSchema.safeParse({ version: 1.5 })))).toEqual(["version"]);
    expect(updateTaskSchema.parse({ version: 3 })).toEqual({ version: 3 });
  });

  it("rejects unknown keys instead of ignoring them", () => {
    const result = updateTaskSchema.safeParse({ version: 1, title: "T", position: "a0", workspaceId: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.code)).toEqual(["unrecognized_keys"]);
  });

  it("allows clearing the owner with null and applies no defaults", () => {
    expect(updateTaskSchema.parse({ version: 2, ownerId: null, labels: ["A", "a"] })).toEqual({ version: 2, ownerId: null, labels: ["a"] });
  });
});

describe("moveTaskSchema", () => {
  it("requires lane, status and afterId (null for the top)", () => {
    expect(moveTaskSchema.parse({ lane: "delegate", status: "done", afterId: null })).toEqual({ lane: "delegate", status: "done", afterId: null });
    expect(Object.keys(errorsOf(moveTaskSchema.safeParse({ lane: "delegate", status: "done" })))).toEqual(["afterId"]);
    expect(Object.keys(errorsOf(moveTaskSchema.safeParse({ lane: "x", status: "y", afterId: "" }))).sort()).toEqual(["afterId", "lane", "status"]);
  });

  it("rejects unknown keys such as a client-chosen position", () => {
    expect(moveTaskSchema.safeParse({ lane: "delegate", status: "done", afterId: null, position: "a0" }).success).toBe(false);
  });
});
