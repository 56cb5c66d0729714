import { describe, expect, it } from "vitest";
import { interdiff, isGenerated, splitDiff } from "./diff-files";

const file = (path: string, body: string, header = "") =>
  `diff --git a/${path} b/${path}\n${header}index 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n${body}`;

const A1 = file("src/a.ts", "@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n const c = 4;\n");
const B1 = file("src/b.ts", "@@ -10,2 +10,3 @@\n export {};\n+// note\n");

describe("splitDiff", () => {
  it("splits a git diff into files with +/− counts", () => {
    const files = splitDiff(A1 + B1);
    expect(files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ["src/a.ts", "modified", 1, 1],
      ["src/b.ts", "modified", 1, 0],
    ]);
    expect(files[0]?.patch.startsWith("diff --git a/src/a.ts")).toBe(true);
    expect(files[0]?.patch).not.toContain("src/b.ts");
  });

  it("knows added, deleted and renamed files", () => {
    const diff = [
      "diff --git a/new.ts b/new.ts\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,2 @@\n+one\n+two\n",
      "diff --git a/old.ts b/old.ts\ndeleted file mode 100644\nindex 1111111..0000000\n--- a/old.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n",
      "diff --git a/x/from.ts b/x/to.ts\nsimilarity index 90%\nrename from x/from.ts\nrename to x/to.ts\n",
    ].join("");
    expect(splitDiff(diff).map((f) => [f.path, f.oldPath, f.status, f.added, f.removed])).toEqual([
      ["new.ts", "new.ts", "added", 2, 0],
      ["old.ts", "old.ts", "deleted", 0, 1],
      ["x/to.ts", "x/from.ts", "renamed", 0, 0],
    ]);
  });

  it("reads diffs without git headers, and nothing from text that is no diff", () => {
    expect(splitDiff("--- a/f.txt\n+++ b/f.txt\n@@ -1 +1 @@\n-x\n+y\n").map((f) => [f.path, f.added, f.removed])).toEqual([["f.txt", 1, 1]]);
    expect(splitDiff("just a summary, no diff")).toEqual([]);
    expect(splitDiff("")).toEqual([]);
  });

  it("counts +/− lines inside hunks only (not the --- and +++ headers)", () => {
    const [only] = splitDiff(file("c.ts", "@@ -1,2 +1,2 @@\n---x\n+++y\n"));
    expect([only?.added, only?.removed]).toEqual([1, 1]);
  });

  it("marks generated files", () => {
    for (const path of ["package-lock.json", "web/yarn.lock", "dist/app.js", "lib/core/generated/prisma/client.ts", "a/b.min.js", "__snapshots__/x.test.ts.snap", "go.sum"]) {
      expect(isGenerated(path), path).toBe(true);
    }
    for (const path of ["src/app.ts", "lib/review/rules.ts", "README.md", "distance.ts"]) expect(isGenerated(path), path).toBe(false);
  });
});

describe("interdiff", () => {
  it("an identical re-submission changes nothing, even when its hunks moved", () => {
    const shifted = A1.replace("@@ -1,3 +1,3 @@", "@@ -7,3 +7,3 @@");
    expect(interdiff(A1 + B1, shifted + B1).map((f) => [f.path, f.status])).toEqual([
      ["src/a.ts", "unchanged"],
      ["src/b.ts", "unchanged"],
    ]);
  });

  it("shows only what moved in a changed file, new files, and files no longer changed", () => {
    const A2 = file("src/a.ts", "@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 30;\n const c = 4;\n");
    const C2 = file("src/c.test.ts", "@@ -0,0 +1 @@\n+it('works')\n");
    const result = interdiff(A1 + B1, A2 + C2);
    expect(result.map((f) => [f.path, f.status])).toEqual([
      ["src/a.ts", "changed"],
      ["src/c.test.ts", "new"],
      ["src/b.ts", "reverted"],
    ]);
    const a = result[0];
    expect(a?.lines.filter((l) => l.kind === "added")).toEqual([{ kind: "added", text: "+const b = 30;" }]);
    expect(a?.lines.filter((l) => l.kind === "removed")).toEqual([{ kind: "removed", text: "+const b = 3;" }]);
    expect(result[1]?.lines).toEqual([
      { kind: "added", text: "@@" },
      { kind: "added", text: "+it('works')" },
    ]);
  });

  it("skips long unchanged runs, keeping three lines of context", () => {
    const long = (changed: string) =>
      file("big.ts", `@@ -1,20 +1,20 @@\n${Array.from({ length: 10 }, (_, i) => ` line ${i}`).join("\n")}\n${changed}\n${Array.from({ length: 10 }, (_, i) => ` tail ${i}`).join("\n")}\n`);
    const [big] = interdiff(long("+old"), long("+new"));
    expect(big?.lines[0]).toEqual({ kind: "skip", count: 8 });
    expect(big?.lines.filter((l) => l.kind === "same")).toHaveLength(6);
    expect(big?.lines.at(-1)).toEqual({ kind: "skip", count: 7 });
  });
});
