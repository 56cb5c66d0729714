import { describe, expect, it } from "vitest";
import { countLines, indexPaths, judge, locate, parseReference, referenceFindings, type ReferenceCheck } from "./references";

const where = { repository: "acme/app", branch: "main" };

describe("parseReference", () => {
  it("reads the path and lines of each way of writing a reference, and refuses what is not one", () => {
    expect(parseReference("src/pagination.ts:142")).toMatchObject({ path: "src/pagination.ts", start: 142, end: null });
    expect(parseReference("CustomerActions.tsx:45-67")).toMatchObject({ path: "CustomerActions.tsx", start: 45, end: 67 });
    expect(parseReference("users.ts#L40-L95")).toMatchObject({ path: "users.ts", start: 40, end: 95 });
    expect(parseReference("README.md")).toMatchObject({ path: "README.md", start: null, end: null });
    for (const text of ["", "hello", "next.js", "https://example.com/a.ts", "src/a.ts:1 and more", "x".repeat(400) + ".ts"]) expect(parseReference(text), text).toBeNull();
  });
});

describe("locate", () => {
  const index = indexPaths(["src/pagination.ts", "app/a/page.tsx", "app/b/page.tsx", "src/components/Button.tsx", "lib/Button.tsx"]);
  it("finds a path, a unique name or suffix, and lists the candidates of an ambiguous one", () => {
    expect(locate("src/pagination.ts", index)).toEqual({ kind: "found", path: "src/pagination.ts" });
    expect(locate("./src/pagination.ts", index)).toEqual({ kind: "found", path: "src/pagination.ts" });
    expect(locate("pagination.ts", index)).toEqual({ kind: "found", path: "src/pagination.ts" });
    expect(locate("components/Button.tsx", index)).toEqual({ kind: "found", path: "src/components/Button.tsx" });
    expect(locate("Button.tsx", index)).toEqual({ kind: "ambiguous", candidates: ["lib/Button.tsx", "src/components/Button.tsx"] });
    expect(locate("page.tsx", index)).toEqual({ kind: "ambiguous", candidates: ["app/a/page.tsx", "app/b/page.tsx"] });
  });
  it("suggests files of the same name, a different case first, and does not guess when the list was cut short", () => {
    expect(locate("src/Pagination.ts", index)).toEqual({ kind: "missing", suggestions: ["src/pagination.ts"] });
    expect(locate("lib/pagination.ts", index)).toEqual({ kind: "missing", suggestions: ["src/pagination.ts"] });
    expect(locate("nothing.ts", index)).toEqual({ kind: "missing", suggestions: [] });
    expect(locate("nothing.ts", indexPaths(["src/a.ts"], true))).toEqual({ kind: "unknown" });
  });
});

describe("countLines", () => {
  it("counts lines as an editor numbers them", () => {
    expect([countLines(""), countLines("a"), countLines("a\n"), countLines("a\nb"), countLines("a\nb\n"), countLines("\n\n")]).toEqual([0, 1, 1, 2, 2, 2]);
  });
});

describe("judge", () => {
  const ref = (text: string) => parseReference(text)!;
  it("says what is wrong with lines, with the fix", () => {
    const found = { kind: "found" as const, path: "src/pagination.ts" };
    expect(judge(ref("src/pagination.ts:142"), found, 120, where)).toMatchObject({ status: "out-of-range", message: "“src/pagination.ts” has 120 lines; the spec points at 142." });
    expect(judge(ref("src/pagination.ts:0"), found, 120, where)).toMatchObject({ status: "out-of-range", message: "Lines start at 1; the spec points at 0." });
    expect(judge(ref("src/pagination.ts:120"), found, 120, where)).toMatchObject({ status: "found", message: "“src/pagination.ts” is in acme/app at main, 120 lines." });
    expect(judge(ref("pagination.ts:1"), found, 1, where)).toMatchObject({ status: "found", message: "“pagination.ts” (“src/pagination.ts”) is in acme/app at main, 1 line." });
    expect(judge(ref("src/pagination.ts:3"), found, null, where)).toMatchObject({ status: "unchecked" });
  });
});

describe("referenceFindings", () => {
  it("is a warning at the first place each broken reference is written, on its line, and nothing for the rest", () => {
    const markdown = "Intro\n\nLocation: src/a.ts:142\n<!-- src/gone.ts:1 -->\nAlso src/b.ts:3 and src/a.ts:142 again\n";
    const checks = new Map<string, ReferenceCheck>([
      ["src/a.ts:142", { text: "src/a.ts:142", status: "out-of-range", path: "src/a.ts", lines: 120, message: "“src/a.ts” has 120 lines; the spec points at 142.", fix: "Point at…" }],
      ["src/b.ts:3", { text: "src/b.ts:3", status: "found", path: "src/b.ts", lines: 9, message: "ok", fix: null }],
      ["src/gone.ts:1", { text: "src/gone.ts:1", status: "missing", path: null, lines: null, message: "gone", fix: "x" }],
    ]);
    const findings = referenceFindings(markdown, checks);
    expect(findings).toEqual([
      { ruleId: "reference-check", severity: "warning", message: "“src/a.ts” has 120 lines; the spec points at 142.", fix: "Point at…", from: markdown.indexOf("src/a.ts"), to: markdown.indexOf("src/a.ts") + 12, line: 3 },
    ]);
  });
});
