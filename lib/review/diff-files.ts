// A unified diff split into its files, and the "changes since the last attempt" between two
// diffs. Pure and dependency-light, so the server computes it once per attempt and the browser
// gets only what it shows.
import { diffArrays } from "diff";

export type FileStatus = "added" | "deleted" | "renamed" | "modified";

export interface DiffFile {
  /** The path after the change (before it, for a deleted file). Viewed marks and comments use it. */
  path: string;
  oldPath: string;
  status: FileStatus;
  /** This file's part of the diff, headers included. */
  patch: string;
  added: number;
  removed: number;
  /** Lock files, build output, snapshots…: collapsed on the review page. */
  generated: boolean;
}

const GENERATED = [
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|go\.sum|composer\.lock|Gemfile\.lock)$/,
  /\.min\.(js|css)$/,
  /\.(map|snap)$/,
  /(^|\/)(dist|build|vendor|node_modules|generated|__generated__|\.next)\//,
  /\.(pb\.go|g\.dart|generated\.\w+)$/,
];

export function isGenerated(path: string): boolean {
  return GENERATED.some((pattern) => pattern.test(path));
}

const stripPrefix = (path: string) => path.replace(/^[ab]\//, "");

/** The files of a unified diff, in order. Text that is not a diff gives no files. */
export function splitDiff(diff: string): DiffFile[] {
  const lines = diff.replace(/\r\n/g, "\n").split("\n");
  const gitHeaders = lines.some((line) => line.startsWith("diff --git "));
  const starts: number[] = [];
  lines.forEach((line, index) => {
    if (gitHeaders ? line.startsWith("diff --git ") : line.startsWith("--- ") && lines[index + 1]?.startsWith("+++ ")) starts.push(index);
  });
  return starts.map((start, i) => parseFile(lines.slice(start, starts[i + 1] ?? lines.length)));
}

function parseFile(lines: string[]): DiffFile {
  let oldPath = "";
  let newPath = "";
  let status: FileStatus = "modified";
  const header = /^diff --git a\/(.+) b\/(.+)$/.exec(lines[0] ?? "");
  if (header) {
    oldPath = header[1] as string;
    newPath = header[2] as string;
  }
  let added = 0;
  let removed = 0;
  let inHunk = false;
  for (const line of lines) {
    if (line.startsWith("@@")) inHunk = true;
    else if (!inHunk) {
      if (line.startsWith("--- ") && line !== "--- /dev/null") oldPath = stripPrefix(line.slice(4).trim());
      else if (line.startsWith("+++ ") && line !== "+++ /dev/null") newPath = stripPrefix(line.slice(4).trim());
      else if (line.startsWith("new file mode") || line === "--- /dev/null") status = "added";
      else if (line.startsWith("deleted file mode") || line === "+++ /dev/null") status = "deleted";
      else if (line.startsWith("rename from ")) {
        status = "renamed";
        oldPath = line.slice("rename from ".length);
      } else if (line.startsWith("rename to ")) newPath = line.slice("rename to ".length);
    } else if (line.startsWith("+")) added++;
    else if (line.startsWith("-")) removed++;
  }
  if (status === "modified" && oldPath && newPath && oldPath !== newPath) status = "renamed";
  const path = status === "deleted" ? oldPath || newPath : newPath || oldPath;
  const patch = lines.join("\n").replace(/\n+$/, "\n");
  return { path, oldPath: oldPath || path, status, patch, added, removed, generated: isGenerated(path) };
}

export type InterdiffLine = { kind: "same" | "added" | "removed"; text: string } | { kind: "skip"; count: number };

export interface InterdiffFile {
  path: string;
  /** new: changed only in this attempt · reverted: changed before, not any more · changed · unchanged. */
  status: "new" | "reverted" | "changed" | "unchanged";
  /** The file's patch lines as they changed between the attempts (added = only in this attempt). */
  lines: InterdiffLine[];
}

/** Context kept around each change between the attempts; longer unchanged runs are skipped. */
const CONTEXT = 3;

/** Hunk bodies compared without their line numbers, which shift whenever anything above moves. */
function patchBody(file: DiffFile): string[] {
  const body: string[] = [];
  let inHunk = false;
  for (const line of file.patch.split("\n")) {
    if (line.startsWith("@@")) {
      inHunk = true;
      body.push(line.replace(/^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/, "@@"));
    } else if (inHunk) body.push(line);
  }
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  return body;
}

/**
 * What changed between two attempts' diffs, file by file: the diff of the diffs. A second round is
 * then reviewed by reading only what moved since the feedback, not the whole change again.
 */
export function interdiff(previous: string, next: string): InterdiffFile[] {
  const before = new Map(splitDiff(previous).map((file) => [file.path, file]));
  const after = splitDiff(next);
  const result: InterdiffFile[] = [];
  for (const file of after) {
    const old = before.get(file.path);
    before.delete(file.path);
    const nextBody = patchBody(file);
    if (!old) {
      result.push({ path: file.path, status: "new", lines: nextBody.map((text) => ({ kind: "added", text })) });
      continue;
    }
    const oldBody = patchBody(old);
    if (oldBody.join("\n") === nextBody.join("\n")) {
      result.push({ path: file.path, status: "unchanged", lines: [] });
      continue;
    }
    const lines: { kind: "same" | "added" | "removed"; text: string }[] = [];
    for (const part of diffArrays(oldBody, nextBody)) {
      const kind = part.added ? "added" : part.removed ? "removed" : "same";
      for (const text of part.value) lines.push({ kind, text });
    }
    result.push({ path: file.path, status: "changed", lines: withContext(lines) });
  }
  for (const old of before.values()) {
    result.push({ path: old.path, status: "reverted", lines: patchBody(old).map((text) => ({ kind: "removed", text })) });
  }
  return result;
}

function withContext(lines: { kind: "same" | "added" | "removed"; text: string }[]): InterdiffLine[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let i = Math.max(0, index - CONTEXT); i <= Math.min(lines.length - 1, index + CONTEXT); i++) keep[i] = true;
  });
  const out: InterdiffLine[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped) out.push({ kind: "skip", count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped++;
  });
  if (skipped) out.push({ kind: "skip", count: skipped });
  return out;
}
