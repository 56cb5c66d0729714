// Spec references checked against the code: does `src/pagination.ts:142` exist at the default
// branch of the board's repository, and does the file have a line 142? The server reads the
// repository (lib/github/code.ts); this module holds what needs no server — how a reference is
// resolved against a list of paths, the words of each verdict, and the lint findings the editor
// shows — so the browser and the server judge alike.
import { findSpecReferences, type Finding, type SpecReference } from "./lint";

export type ReferenceStatus = "found" | "missing" | "ambiguous" | "out-of-range" | "unchecked";

export interface ReferenceCheck {
  /** As written in the spec. */
  text: string;
  status: ReferenceStatus;
  /** The file in the repository it names (a bare name resolved to its path), when found. */
  path: string | null;
  /** The file's number of lines, when the reference names lines and the file was read. */
  lines: number | null;
  message: string;
  /** What to do about it; null when nothing needs doing. */
  fix: string | null;
}

export interface ReferenceReport {
  /** checked: `references` holds a verdict for each; otherwise why nothing was checked. */
  state: "checked" | "not-linked" | "not-connected" | "unavailable";
  repository: string | null;
  branch: string | null;
  commit: string | null;
  message: string | null;
  references: ReferenceCheck[];
}

/** At most this many distinct references are checked per request (the lint flags over 15 as too wide anyway). */
export const MAX_CHECKED_REFERENCES = 50;
export const MAX_REFERENCE_CHARS = 300;

/** The reference `text` is, when the whole of it is one (as the lint reads references). */
export function parseReference(text: string): SpecReference | null {
  if (text.length > MAX_REFERENCE_CHARS) return null;
  const [first] = findSpecReferences(text);
  return first && first.from === 0 && first.to === text.length ? first : null;
}

/** The paths of a repository at one commit, indexed by file name for bare names and suffixes. */
export interface PathIndex {
  paths: ReadonlySet<string>;
  byName: ReadonlyMap<string, readonly string[]>;
  /** The tree was cut short: a path not listed may still exist. */
  truncated: boolean;
}

export function indexPaths(paths: readonly string[], truncated = false): PathIndex {
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    const name = baseName(path).toLowerCase();
    const list = byName.get(name);
    if (list) list.push(path);
    else byName.set(name, [path]);
  }
  return { paths: new Set(paths), byName, truncated };
}

export type Location =
  | { kind: "found"; path: string }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "missing"; suggestions: string[] }
  | { kind: "unknown" };

/**
 * Where a written path is: the path itself; else the one file whose path ends with it (a bare
 * name such as `SettingsPage.tsx`, or a path written from a sub-folder such as
 * `components/Button.tsx` for `src/components/Button.tsx`); several such files are ambiguous.
 * Letter case must match, as in git; a match in another case is offered as a suggestion.
 */
export function locate(written: string, index: PathIndex): Location {
  const path = written.replace(/^(?:\.{1,2}\/)+/, "").replace(/^\/+/, "");
  if (index.paths.has(path)) return { kind: "found", path };
  const sameName = index.byName.get(baseName(path).toLowerCase()) ?? [];
  const endsWith = sameName.filter((candidate) => candidate.endsWith(`/${path}`));
  if (endsWith.length === 1) return { kind: "found", path: endsWith[0] as string };
  if (endsWith.length > 1) return { kind: "ambiguous", candidates: [...endsWith].sort() };
  if (index.truncated) return { kind: "unknown" };
  const lower = path.toLowerCase();
  const suggestions = sameName.filter((candidate) => candidate.toLowerCase() === lower || candidate.toLowerCase().endsWith(`/${lower}`));
  return { kind: "missing", suggestions: (suggestions.length > 0 ? suggestions : sameName).slice(0, 3) };
}

/** Lines in a file as an editor numbers them: a final newline does not start another line. */
export function countLines(content: string): number {
  if (content === "") return 0;
  let lines = 1;
  for (let i = content.indexOf("\n"); i !== -1; i = content.indexOf("\n", i + 1)) lines++;
  return content.endsWith("\n") ? lines - 1 : lines;
}

const code = (text: string) => `“${text}”`;
const span = (ref: SpecReference) => (ref.end !== null ? `${ref.start}–${ref.end}` : String(ref.start));

/** The verdict on one reference, given where its file is and (when it names lines) how many lines the file has. */
export function judge(ref: SpecReference, location: Location, lines: number | null, where: { repository: string; branch: string }): ReferenceCheck {
  const at = `${where.repository} at ${where.branch}`;
  const base = { text: ref.text, path: null, lines: null };
  if (location.kind === "unknown") {
    return {
      ...base,
      status: "unchecked",
      message: `${where.repository} has too many files to look up ${code(ref.path)} by name.`,
      fix: "Write the file's path from the root of the repository.",
    };
  }
  if (location.kind === "missing") {
    const [suggestion] = location.suggestions;
    return {
      ...base,
      status: "missing",
      message: `${code(ref.path)} is not in ${at}.`,
      fix: suggestion
        ? `Did you mean ${code(withLines(suggestion, ref))}? ${location.suggestions.length > 1 ? `(Also: ${location.suggestions.slice(1).map(code).join(", ")}.)` : ""}`.trim()
        : `Check the path at ${where.branch}: the file may have been moved, renamed or deleted since the spec was written.`,
    };
  }
  if (location.kind === "ambiguous") {
    const shown = location.candidates.slice(0, 4).map(code).join(", ");
    const more = location.candidates.length > 4 ? ` and ${location.candidates.length - 4} more` : "";
    return {
      ...base,
      status: "ambiguous",
      message: `${code(ref.path)} matches ${location.candidates.length} files in ${at}: ${shown}${more}.`,
      fix: `Write the path, e.g. ${code(withLines(location.candidates[0] as string, ref))}.`,
    };
  }
  const path = location.path;
  const named = path === ref.path ? code(path) : `${code(ref.path)} (${code(path)})`;
  if (ref.start === null) return { ...base, status: "found", path, message: `${named} is in ${at}.`, fix: null };
  if (lines === null) return { ...base, status: "unchecked", path, message: `${named} is in ${at}; its lines could not be read.`, fix: null };
  const found = { ...base, path, lines };
  if (ref.start < 1) {
    return { ...found, status: "out-of-range", message: `Lines start at 1; the spec points at ${span(ref)}.`, fix: `Point at a line of ${code(path)} between 1 and ${lines}.` };
  }
  if (ref.end !== null && ref.end < ref.start) {
    return { ...found, status: "out-of-range", message: `The range ${span(ref)} runs backwards.`, fix: `Write the first line first, e.g. ${code(`${path}:${ref.end}-${ref.start}`)}.` };
  }
  const last = ref.end ?? ref.start;
  if (last > lines) {
    return {
      ...found,
      status: "out-of-range",
      message: `${code(path)} has ${lines} ${lines === 1 ? "line" : "lines"}; the spec points at ${span(ref)}.`,
      fix: `Point at the lines as they are at ${where.branch} (1–${lines}): the code has probably moved since the spec was written.`,
    };
  }
  return { ...found, status: "found", message: `${named} is in ${at}, ${lines} ${lines === 1 ? "line" : "lines"}.`, fix: null };
}

function withLines(path: string, ref: SpecReference): string {
  return ref.start === null ? path : `${path}:${ref.start}${ref.end !== null ? `-${ref.end}` : ""}`;
}

const BROKEN: ReadonlySet<ReferenceStatus> = new Set(["missing", "ambiguous", "out-of-range"]);

export const isBroken = (check: ReferenceCheck) => BROKEN.has(check.status);

/**
 * Lint findings for the broken references in `markdown` (the first place each is written), from
 * a report on its references. They do not change the score: the score measures how the spec is
 * written and is the same offline, while the code moves under a spec that nobody edits
 * (docs/decisions.md).
 */
export function referenceFindings(markdown: string, checks: ReadonlyMap<string, ReferenceCheck>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let line = 1;
  let counted = 0;
  for (const ref of findSpecReferences(markdown)) {
    if (seen.has(ref.text)) continue;
    seen.add(ref.text);
    const check = checks.get(ref.text);
    if (!check || !isBroken(check)) continue;
    for (let i = markdown.indexOf("\n", counted); i !== -1 && i < ref.from; i = markdown.indexOf("\n", i + 1)) line++;
    counted = ref.from;
    findings.push({ ruleId: "reference-check", severity: "warning", message: check.message, fix: check.fix ?? "", from: ref.from, to: ref.to, line });
  }
  return findings;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
