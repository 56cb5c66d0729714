// Reads a unified diff in git's format the way GitHub presents a pull request's changes: one entry
// per file (status, names, the patch from its first hunk header on, line counts), and the lines of
// each side that a review comment may be placed on. Pure: no I/O.

export type PullFileStatus = "added" | "modified" | "removed" | "renamed";

/** One changed file of a pull request. */
export interface StandInPullFile {
  /** The path after the change (before it, for a removed file). */
  filename: string;
  status: PullFileStatus;
  /** For a renamed file. */
  previousFilename?: string;
  /** The file's hunks, from the first "@@" line on; none for a binary file or a pure rename. */
  patch?: string;
}

export type DiffSide = "LEFT" | "RIGHT";

/** An inline comment of a review, as the API takes it. */
export interface ReviewCommentInput {
  path: string;
  body: string;
  line?: number;
  side?: DiffSide;
  start_line?: number;
  start_side?: DiffSide;
  /** The older way to place a comment: lines down from the file's first hunk header. */
  position?: number;
}

/** The pull request's files, in the diff's order. */
export function parseGitDiff(diff: string): StandInPullFile[] {
  return splitFileSections(diff).map(parseFileSection);
}

/** The diff's lines, cut at each "diff --git" header; anything before the first header is dropped. */
function splitFileSections(diff: string): string[][] {
  const sections: string[][] = [];
  const lines = diff.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  for (const line of lines) {
    if (line.startsWith("diff --git ")) sections.push([line]);
    else sections.at(-1)?.push(line);
  }
  return sections;
}

function parseFileSection(lines: string[]): StandInPullFile {
  const hunkStart = lines.findIndex((line) => line.startsWith("@@"));
  const header = lines.slice(1, hunkStart === -1 ? undefined : hunkStart);
  const names = headerNames(lines[0] as string);
  let status: PullFileStatus = "modified";
  let oldName: string | null = names.old;
  let newName: string | null = names.new;
  for (const line of header) {
    if (line.startsWith("new file mode")) status = "added";
    else if (line.startsWith("deleted file mode")) status = "removed";
    else if (line.startsWith("rename from ")) [status, oldName] = ["renamed", unquote(line.slice("rename from ".length))];
    else if (line.startsWith("rename to ")) newName = unquote(line.slice("rename to ".length));
    else if (line.startsWith("--- ")) oldName = labelName(line.slice(4), "a/") ?? oldName;
    else if (line.startsWith("+++ ")) newName = labelName(line.slice(4), "b/") ?? newName;
  }
  const filename = (status === "removed" ? oldName : newName) ?? oldName ?? "";
  const patch = hunkStart === -1 ? undefined : lines.slice(hunkStart).join("\n");
  return { filename, status, ...(status === "renamed" && oldName !== null && { previousFilename: oldName }), ...(patch !== undefined && { patch }) };
}

/**
 * The names in "diff --git a/<old> b/<new>". Unquoted names are ambiguous when they hold " b/", so
 * they are read only when both are the same (the case where no other header line names the file).
 */
function headerNames(line: string): { old: string | null; new: string | null } {
  const rest = line.slice("diff --git ".length);
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted && (rest.startsWith('"') || rest.endsWith('"'))) {
    return { old: stripPrefix(unquote(quoted[1] as string), "a/"), new: stripPrefix(unquote(quoted[2] as string), "b/") };
  }
  const half = (rest.length - 1) / 2;
  const [old, neu] = [rest.slice(0, half), rest.slice(half + 1)];
  return old.slice(2) === neu.slice(2) ? { old: stripPrefix(old, "a/"), new: stripPrefix(neu, "b/") } : { old: null, new: null };
}

/** The name in a "---"/"+++" line; null for /dev/null. Git ends the label with a tab when the name has a space. */
function labelName(label: string, prefix: string): string | null {
  const name = unquote(label.replace(/\t$/, ""));
  return name === "/dev/null" ? null : stripPrefix(name, prefix);
}

function stripPrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** Git quotes a name with unusual characters C-style, non-ASCII as octal escapes of its UTF-8 bytes. */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const escaped = body[++i] ?? "";
      bytes.push(ESCAPES[escaped] ?? escaped.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Lines added and removed by a patch. */
export function countChanges(patch: string | undefined): { additions: number; deletions: number } {
  const lines = patch?.split("\n").filter((line) => !line.startsWith("@@")) ?? [];
  return { additions: lines.filter((line) => line.startsWith("+")).length, deletions: lines.filter((line) => line.startsWith("-")).length };
}

interface PatchLines {
  /** Line number → index of its hunk, for each side: the lines a comment may be placed on. */
  LEFT: Map<number, number>;
  RIGHT: Map<number, number>;
  /** The last valid `position`: lines below the first hunk header, later headers included. */
  positions: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The commentable lines of a patch: context lines are on both sides, "-" lines LEFT, "+" lines RIGHT. */
function patchLines(patch: string): PatchLines {
  const result: PatchLines = { LEFT: new Map(), RIGHT: new Map(), positions: 0 };
  let [oldLine, newLine, hunk] = [0, 0, -1];
  for (const line of patch.split("\n")) {
    const header = HUNK_HEADER.exec(line);
    if (hunk >= 0) result.positions++;
    if (header) {
      [oldLine, newLine, hunk] = [Number(header[1]), Number(header[2]), hunk + 1];
      continue;
    }
    const marker = line[0] ?? " ";
    if (marker !== "+" && marker !== "\\") result.LEFT.set(oldLine++, hunk);
    if (marker !== "-" && marker !== "\\") result.RIGHT.set(newLine++, hunk);
  }
  return result;
}

/**
 * Why GitHub would refuse to place this comment on the file (its messages, without the "diff hunk
 * can't be blank" GitHub adds to every placement error); empty when the comment fits the diff.
 */
export function placementProblems(file: StandInPullFile | undefined, comment: ReviewCommentInput): string[] {
  if (!file) return ["Pull request review thread path is invalid"];
  const lines = patchLines(file.patch ?? "");
  if (comment.line === undefined) {
    const fits = comment.position !== undefined && comment.position >= 1 && comment.position <= lines.positions;
    return fits ? [] : ["Pull request review thread position is invalid"];
  }
  const side = comment.side ?? "RIGHT";
  const hunk = lines[side].get(comment.line);
  if (hunk === undefined) return ["Pull request review thread line must be part of the diff"];
  if (comment.start_line === undefined) return [];
  const startSide = comment.start_side ?? side;
  if (lines[startSide].get(comment.start_line) !== hunk) return ["Pull request review thread start line must be part of the same hunk as the line."];
  if (startSide === side && comment.start_line >= comment.line) return ["Pull request review thread start line must precede the end line."];
  return [];
}
