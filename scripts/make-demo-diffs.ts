// npx tsx scripts/make-demo-diffs.ts: regenerates prisma/demo-diffs/ (the unified diffs the demo seed
// attaches to agent submissions) from this repository's own git history, and its README.md with
// where each file came from. The output is committed: a fresh or shallow clone may lack the history,
// and the seed reads only the committed files.
//
// Commits are found by the start of their subject, not by hash, so that the list survives a rebase.
// Each .diff is pure `git show --format= --patch <commit> -- <paths>` output (no header of our own)
// and at most MAX_BYTES; a diff that would be larger keeps only the whole files that fit.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "prisma/demo-diffs");
const MAX_BYTES = 60 * 1024;

interface Part {
  /** The commit: the start of its subject, matching exactly one commit. */
  subject: string;
  /** Files of that commit to include. */
  paths: string[];
}

interface DemoDiff {
  file: string;
  /** Where the seed uses it (for the README only). */
  usedBy: string;
  parts: Part[];
  /** Size limit of this diff when it must be large (the demo's "large diff"); MAX_BYTES otherwise. */
  maxBytes?: number;
}

const FOUNDATION = "Foundation: data layer with workspace scopes";
const FIXES = "Fix slug accents and trailing dash";
const BENCH = "Bench script; relation joins";
const ISSUE_4 = "Issue 4 core: agents, hashed API tokens";
const REVIEW_MODEL = "Review data model (verdicts, drafts";
const BATCH_REVIEW = "Batch review: verdicts with the loop limit";
const TASK_VIEW = "Task view: attempts show their verdict";

const DEMO_DIFFS: DemoDiff[] = [
  { file: "slugify-boundary.diff", usedBy: "WEB-13, attempt 1", parts: [{ subject: FIXES, paths: ["lib/workspace/schema.ts"] }] },
  {
    file: "slugify-boundary-with-tests.diff",
    usedBy: "WEB-13, attempt 2",
    parts: [{ subject: FIXES, paths: ["lib/workspace/schema.ts", "lib/workspace/schema.test.ts"] }],
  },
  { file: "card-payload.diff", usedBy: "API-3, attempt 1", parts: [{ subject: BENCH, paths: ["lib/task/data.ts", "lib/task/types.ts"] }] },
  {
    file: "card-payload-with-callers.diff",
    usedBy: "API-3, attempt 2",
    parts: [
      {
        subject: BENCH,
        paths: ["lib/board/components/board-filters.tsx", "lib/task/components/task-dialog.tsx", "lib/task/data.ts", "lib/task/mutations.ts", "lib/task/types.ts"],
      },
    ],
  },
  { file: "library-wrappers.diff", usedBy: "WEB-6, attempt 1", parts: [{ subject: FOUNDATION, paths: ["components/ui/cn.ts", "lib/board/ordering.ts"] }] },
  { file: "signin-proxy.diff", usedBy: "API-16, attempt 1", parts: [{ subject: FIXES, paths: ["e2e/api/authorization.spec.ts", "proxy.ts"] }] },
  {
    file: "rate-limit-retry-after.diff",
    usedBy: "API-11, attempt 1 (accepted)",
    parts: [{ subject: ISSUE_4, paths: ["lib/core/errors.ts", "lib/http/rate-limit.ts", "lib/http/route.ts"] }],
  },
  { file: "ordering-tests.diff", usedBy: "WEB-3, attempt 1 (accepted)", parts: [{ subject: FIXES, paths: ["lib/board/ordering.test.ts"] }] },
  { file: "loop-rules-with-tests.diff", usedBy: "API-18, attempt 1", parts: [{ subject: REVIEW_MODEL, paths: ["lib/review/rules.ts", "lib/review/rules.test.ts"] }] },
  { file: "interdiff.diff", usedBy: "API-10, attempt 1", parts: [{ subject: REVIEW_MODEL, paths: ["lib/review/diff-files.ts", "lib/review/diff-files.test.ts"] }] },
  { file: "tabs-component.diff", usedBy: "API-6, attempt 1", parts: [{ subject: TASK_VIEW, paths: ["components/ui/tabs.tsx"] }] },
  { file: "tabs-in-task-view.diff", usedBy: "API-6, attempt 2", parts: [{ subject: TASK_VIEW, paths: ["components/ui/tabs.tsx", "lib/task/components/task-dialog.tsx"] }] },
  {
    file: "tabs-everywhere.diff",
    usedBy: "API-6, attempt 3",
    parts: [{ subject: TASK_VIEW, paths: ["components/ui/tabs.tsx", "lib/task/components/task-dialog.tsx", "lib/task/components/details-form.tsx", "lib/agent/components/submissions.tsx"] }],
  },
  {
    file: "review-queue-large.diff",
    usedBy: "API-13, attempt 1 (the large diff)",
    maxBytes: 160 * 1024,
    parts: [
      {
        subject: BATCH_REVIEW,
        paths: [
          "lib/review/mutations.ts",
          "lib/review/data.ts",
          "lib/review/review.test.ts",
          "lib/review/components/review-page.tsx",
          "lib/review/components/review-diff.tsx",
          "lib/review/components/verdict-panel.tsx",
          "lib/review/components/attempt-view.tsx",
        ],
      },
    ],
  },
];

function git(args: string[]): string {
  // Fixed settings, whatever the user's git config says: a/ b/ prefixes, no colour, no external
  // diff tool, literal paths (route folders such as [workspace] are not globs).
  return execFileSync(
    "git",
    ["-C", root, "--no-pager", "--literal-pathspecs", "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "core.quotePath=false", ...args],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
}

function commitBySubject(subjects: { hash: string; subject: string }[], start: string): { hash: string; subject: string } {
  const matches = subjects.filter((c) => c.subject.startsWith(start));
  if (matches.length !== 1) {
    throw new Error(
      matches.length === 0
        ? `No commit whose subject starts with "${start}". Is the git history available (not a shallow clone)?`
        : `${matches.length} commits have a subject starting with "${start}"; make it more specific.`,
    );
  }
  return matches[0] as { hash: string; subject: string };
}

/** Splits `git diff` output into one chunk per file, each starting with "diff --git ". */
function fileChunks(patch: string): { path: string; text: string }[] {
  const chunks = patch.split(/^(?=diff --git )/m).filter((chunk) => chunk.trim() !== "");
  return chunks.map((text) => {
    const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(text);
    if (!text.startsWith("diff --git ") || !header) throw new Error(`Unexpected patch text: ${text.slice(0, 80)}`);
    return { path: header[2] as string, text: text.endsWith("\n") ? text : `${text}\n` };
  });
}

/** Checks that the text is a well-formed unified diff: file headers, and hunks whose line counts add up. */
function checkUnifiedDiff(text: string): void {
  if (!text.startsWith("diff --git ")) throw new Error("A diff must start with \"diff --git\".");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.startsWith("diff --git ")) {
      i++;
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (!hunk) {
      // Extended headers: index, modes, ---/+++, renames, binary notes.
      if (/^(index |new file mode |deleted file mode |old mode |new mode |similarity index |rename |copy |--- |\+\+\+ |Binary files )/.test(line)) {
        i++;
        continue;
      }
      throw new Error(`Line ${i + 1} is neither a header nor inside a hunk: ${line.slice(0, 80)}`);
    }
    let before = Number(hunk[1] ?? 1);
    let after = Number(hunk[2] ?? 1);
    i++;
    while (before > 0 || after > 0) {
      const body = lines[i];
      if (body === undefined) throw new Error(`Hunk at line ${i} ends early.`);
      if (body.startsWith("\\")) {
        i++;
        continue;
      }
      const kind = body[0] ?? " ";
      if (kind === " " || body === "") {
        before--;
        after--;
      } else if (kind === "-") before--;
      else if (kind === "+") after--;
      else throw new Error(`Unexpected line ${i + 1} in a hunk: ${body.slice(0, 80)}`);
      if (before < 0 || after < 0) throw new Error(`Hunk line counts do not add up at line ${i + 1}.`);
      i++;
    }
    while (lines[i]?.startsWith("\\")) i++;
  }
}

const subjects = git(["log", "--format=%H%x09%s"])
  .split("\n")
  .filter(Boolean)
  .map((line) => {
    const [hash = "", ...rest] = line.split("\t");
    return { hash, subject: rest.join("\t") };
  });

mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) if (name.endsWith(".diff")) rmSync(path.join(outDir, name));

const rows: string[] = [];
for (const demo of DEMO_DIFFS) {
  const chunks: { path: string; text: string }[] = [];
  const sources: string[] = [];
  for (const part of demo.parts) {
    const commit = commitBySubject(subjects, part.subject);
    const patch = git(["show", "--format=", "--patch", "--no-color", "--no-ext-diff", commit.hash, "--", ...part.paths]);
    const found = fileChunks(patch);
    const missing = part.paths.filter((p) => !found.some((chunk) => chunk.path === p));
    if (missing.length > 0) throw new Error(`${demo.file}: commit ${commit.hash.slice(0, 7)} does not change ${missing.join(", ")}.`);
    for (const chunk of found) {
      if (chunks.some((c) => c.path === chunk.path)) throw new Error(`${demo.file}: ${chunk.path} comes from two parts.`);
      chunks.push(chunk);
    }
    sources.push(`\`${commit.hash.slice(0, 7)}\` ${commit.subject}`);
  }
  chunks.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Whole files only, in path order, while they fit.
  let text = "";
  const kept: string[] = [];
  const dropped: string[] = [];
  const limit = demo.maxBytes ?? MAX_BYTES;
  for (const chunk of chunks) {
    if (Buffer.byteLength(text + chunk.text) <= limit) {
      text += chunk.text;
      kept.push(chunk.path);
    } else dropped.push(chunk.path);
  }
  if (!text) throw new Error(`${demo.file}: even its first file is larger than ${limit} bytes.`);
  checkUnifiedDiff(text);
  writeFileSync(path.join(outDir, demo.file), text);

  const files = kept.map((p) => `\`${p}\``).join(", ") + (dropped.length > 0 ? ` (left out, over ${limit / 1024} KB: ${dropped.map((p) => `\`${p}\``).join(", ")})` : "");
  rows.push(`| \`${demo.file}\` | ${demo.usedBy} | ${sources.join("; ")} | ${files} | ${Buffer.byteLength(text)} |`);
  console.log(`${demo.file}: ${kept.length} file(s), ${Buffer.byteLength(text)} bytes${dropped.length > 0 ? `, left out ${dropped.join(", ")}` : ""}`);
}

const readme = [
  "# Demo diffs",
  "",
  "Unified diffs that `prisma/seed.ts` attaches to the demo submissions of AI agents. They are real",
  "changes from this repository's own history, cut to a few files each, so that the review pages show",
  "realistic code. Each file is pure `git show --format= --patch <commit> -- <paths>` output.",
  "",
  "Regenerate them (needs the full git history) with:",
  "",
  "```sh",
  "npx tsx scripts/make-demo-diffs.ts",
  "```",
  "",
  "The list of commits (by the start of their subject) and paths lives in `scripts/make-demo-diffs.ts`.",
  `Each file is at most ${MAX_BYTES / 1024} KB; a larger one would keep only the whole files that fit.`,
  "",
  "| File | Used by | Commit | Paths | Bytes |",
  "| --- | --- | --- | --- | --- |",
  ...rows,
  "",
].join("\n");
writeFileSync(path.join(outDir, "README.md"), readme);
console.log(`Wrote ${DEMO_DIFFS.length} diffs and README.md to ${path.relative(process.cwd(), outDir) || outDir}`);
