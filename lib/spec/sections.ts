// Splits a spec (markdown) into its sections. Pure and linear: one pass over the lines.
//
// A section starts at an ATX heading of level 1–3 (`#`, `##`, `###`) whose text names one of the
// eight sections (case-insensitive, with synonyms such as "Goal" or "Acceptance criteria"). Other
// headings are kept in `other`, except that an unknown heading nested *deeper* than the known
// section it sits in (a `### Endpoint` under `## Requirements`) stays part of that section's body:
// sub-headings organise a section, they do not end it.
//
// A section also starts at a *labelled block*, the way issues are written elsewhere: a line that
// begins (after at most three spaces, an optional list marker and optional `**`/`__`) with a known
// section name and a colon — `Task: …`, `**Location:** …`, `- Acceptance criteria:`. The text after
// the colon is the start of the section's body, which runs to the next heading or labelled block.
// Labels use the same names as headings (SECTION_NAMES). Two exceptions keep template-style specs
// as they were: a list item inside a section opened by a known heading is an item of that section
// (`- Expected: …` under `## Context`), and a label naming the section it is already in continues
// it. A labelled block nests deeper than any heading, so any heading ends it.
//
// When several blocks name the same section, the section is the first one with a full name
// ("Outcome", "References"), else the first with a loose one ("Summary", "Location"); among equals a
// heading beats a label. The others are kept in `other` as duplicates. Headings and labels inside
// fenced code blocks and inside HTML comments do not count. Every offset is an exact, 0-based
// character offset into the input, and every line number is 1-based, so an editor can highlight
// the text.

export const SPEC_SECTIONS = [
  { id: "outcome", title: "Outcome" },
  { id: "context", title: "Context" },
  { id: "references", title: "References" },
  { id: "requirements", title: "Requirements" },
  { id: "examples", title: "Examples" },
  { id: "success", title: "Success criteria" },
  { id: "boundaries", title: "Boundaries" },
  { id: "tests", title: "Tests" },
] as const;

export type SectionId = (typeof SPEC_SECTIONS)[number]["id"];

/** A half-open range of character offsets, `[from, to)`. */
export interface TextRange {
  from: number;
  to: number;
}

/** A fenced code block: `from`/`to` cover the fence lines too; `contentFrom`/`contentTo` only the code. */
export interface CodeBlock extends TextRange {
  contentFrom: number;
  contentTo: number;
}

interface HeadedBlock {
  /** The heading text as written, without the `#` marks (e.g. "Acceptance criteria"); for a label, without markers and colon. */
  heading: string;
  /** A `#` heading, or a labelled block (`Tests: …`). */
  kind: "heading" | "label";
  /** 1–3 for headings; 4 for labels, which nest deeper than any heading. */
  level: 1 | 2 | 3 | 4;
  /** Offset of the first character of the heading line (for a label, of its line, list marker included). */
  from: number;
  /** End of the heading line (exclusive, before the line break); for a label, the end of the label and its colon. */
  headingTo: number;
  /** Offset of the first character after the heading line; for a label, right after its colon. */
  bodyFrom: number;
  /** End of the section (exclusive): the next section's heading, or the end of the input. */
  to: number;
  /** 1-based line of the heading. */
  line: number;
  /** `markdown.slice(bodyFrom, to)`, untrimmed so that offsets stay exact. */
  body: string;
}

export interface SpecSection extends HeadedBlock {
  id: SectionId;
}

export interface OtherSection extends HeadedBlock {
  /** Set when the heading names a known section that already appeared earlier. */
  duplicateOf?: SectionId;
}

export interface ParsedSpec {
  /** Each known section: its first full-named block, else its first loosely named one (see above). */
  sections: Partial<Record<SectionId, SpecSection>>;
  /** Sections under unknown headings, and known ones that lost to another block for the same section, in document order. */
  other: OtherSection[];
  /** Text before the first heading or labelled block. */
  preamble: TextRange & { body: string };
  /** Fenced code blocks, in document order. */
  codeBlocks: CodeBlock[];
  /** HTML comments (`<!-- … -->`) outside code blocks, in document order. An unclosed comment runs to the end. */
  comments: TextRange[];
}

// Section names, for headings and labels alike. Keys are normalised: lower case, hyphens and runs
// of whitespace as one space, curly apostrophes straight, no trailing colon.
const SECTION_NAMES: Record<string, SectionId> = {
  outcome: "outcome",
  outcomes: "outcome",
  "desired outcome": "outcome",
  "expected outcome": "outcome",
  goal: "outcome",
  goals: "outcome",
  objective: "outcome",
  task: "outcome",
  summary: "outcome",
  problem: "outcome",
  "problem statement": "outcome",
  // In a bug report the expected behaviour is the state the fix must reach: the outcome.
  expected: "outcome",
  "expected behaviour": "outcome",
  "expected behavior": "outcome",
  "expected result": "outcome",
  context: "context",
  background: "context",
  "steps to reproduce": "context",
  "to reproduce": "context",
  "repro steps": "context",
  "reproduction steps": "context",
  actual: "context",
  "actual behaviour": "context",
  "actual behavior": "context",
  "actual result": "context",
  reference: "references",
  references: "references",
  location: "references",
  locations: "references",
  file: "references",
  files: "references",
  "relevant files": "references",
  "relevant code": "references",
  where: "references",
  see: "references",
  requirements: "requirements",
  requirement: "requirements",
  behaviour: "requirements",
  behavior: "requirements",
  spec: "requirements",
  specification: "requirements",
  example: "examples",
  examples: "examples",
  // A pattern to mirror is what the example rule asks for ("an example or a pattern to follow").
  pattern: "examples",
  "success criteria": "success",
  "success criterion": "success",
  "acceptance criteria": "success",
  "definition of done": "success",
  "done when": "success",
  boundaries: "boundaries",
  "out of scope": "boundaries",
  "non goals": "boundaries",
  nongoals: "boundaries",
  constraints: "boundaries",
  "don't": "boundaries",
  "do not": "boundaries",
  tests: "tests",
  test: "tests",
  testing: "tests",
  "test plan": "tests",
  verification: "tests",
  "how to test": "tests",
};

// Loose names: they usually name the section, but say less than its own name does ("Summary" may
// sit above a real "Outcome", "Location" above "References"). A section under a loose name counts
// only when no block has a full name for the same section, so it never hides a better one.
const LOOSE_NAMES = new Set([
  "task",
  "summary",
  "problem",
  "problem statement",
  "steps to reproduce",
  "to reproduce",
  "repro steps",
  "reproduction steps",
  "expected",
  "expected behaviour",
  "expected behavior",
  "expected result",
  "actual",
  "actual behaviour",
  "actual behavior",
  "actual result",
  "location",
  "locations",
  "file",
  "files",
  "relevant files",
  "relevant code",
  "where",
  "see",
  "spec",
  "specification",
  "constraints",
]);

/**
 * The section a heading (or a label) names, or undefined. Tolerates case, `**bold**`, a leading
 * number ("2. Context"), a trailing colon and a trailing parenthetical ("Boundaries (out of scope)").
 */
export function sectionIdForHeading(text: string): SectionId | undefined {
  return sectionName(text)?.id;
}

function sectionName(text: string): { id: SectionId; loose: boolean } | undefined {
  let key = text
    .trim()
    .replace(/^[*_]+|[*_]+$/g, "")
    .replace(/^\d+[.)]\s+/, "")
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/[\s-]+/g, " ")
    .replace(/\s*:$/, "")
    .trim();
  let id = SECTION_NAMES[key];
  if (!id) {
    key = key.replace(/\s*\([^()]*\)$/, "");
    id = SECTION_NAMES[key];
  }
  return id && { id, loose: LOOSE_NAMES.has(key) };
}

const HEADING_LINE = /^ {0,3}(#{1,3})(?:[ \t]+(.*?))?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
// A labelled line: up to three spaces, or a top-level list marker (`-`, `*`, `+`, `1.`, `1)`); then
// an optional `**` or `__`; a name of at most 41 characters (no colon, so there is only one place
// to stop); the colon, with the closing `**` before or after it; then a space or the end of the
// line. Anchored at the start of one line, with every repetition after the marker bounded, so the
// work per line is bounded too and it cannot backtrack across the text.
const LABEL_LINE = /^( {0,3}|[ ]?(?:[-*+]|\d{1,9}[.)])[ \t]+)(\*\*|__)?([A-Za-z][A-Za-z0-9 '\u2019()/-]{0,40}?)[ \t]{0,3}(\*\*|__)?:(\*\*|__)?(?=[ \t]|$)/;

interface RawBlock {
  heading: string;
  kind: "heading" | "label";
  level: 1 | 2 | 3 | 4;
  from: number;
  headingTo: number;
  bodyFrom: number;
  line: number;
  id: SectionId | undefined;
  /** Named by a loose name (LOOSE_NAMES). */
  loose: boolean;
  /** A label written as a list item. */
  listItem: boolean;
}

/** The labelled block that `line` starts, if it names a known section. */
function labelOf(line: string): { heading: string; end: number; id: SectionId; loose: boolean; listItem: boolean } | undefined {
  const match = LABEL_LINE.exec(line);
  if (!match) return undefined;
  const [whole, prefix = "", open, name = "", closeBefore, closeAfter] = match;
  if (closeBefore && closeAfter) return undefined;
  if ((open ?? "") !== (closeBefore ?? closeAfter ?? "")) return undefined; // unbalanced bold
  const section = sectionName(name);
  if (!section) return undefined;
  return { heading: name.trim(), end: whole.length, id: section.id, loose: section.loose, listItem: /\S/.test(prefix) };
}

export function parseSections(markdown: string): ParsedSpec {
  const length = markdown.length;
  const codeBlocks: CodeBlock[] = [];
  const comments: TextRange[] = [];
  const starts: RawBlock[] = []; // headings and labels, in document order

  let fence: { char: string; size: number; from: number; contentFrom: number } | null = null;
  let commentFrom = -1; // start of an HTML comment still open at the end of the previous line
  let lineNumber = 0;
  let pos = 0;

  while (pos < length) {
    lineNumber++;
    const newline = markdown.indexOf("\n", pos);
    const lineEnd = newline === -1 ? length : newline;
    const next = newline === -1 ? length : newline + 1;
    const contentEnd = lineEnd > pos && markdown.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd; // drop \r
    const line = markdown.slice(pos, contentEnd);

    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.size) {
        codeBlocks.push({ from: fence.from, to: contentEnd, contentFrom: fence.contentFrom, contentTo: pos });
        fence = null;
      }
      pos = next;
      continue;
    }

    let scanFrom = 0; // where, within this line, to look for the start of a comment
    if (commentFrom !== -1) {
      const close = line.indexOf("-->");
      if (close === -1) {
        pos = next;
        continue;
      }
      comments.push({ from: commentFrom, to: pos + close + 3 });
      commentFrom = -1;
      scanFrom = close + 3;
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
        fence = { char: open[1]![0]!, size: open[1]!.length, from: pos, contentFrom: next };
        pos = next;
        continue;
      }
      const heading = HEADING_LINE.exec(line);
      if (heading) {
        const text = (heading[2] ?? "")
          .replace(/[ \t]+#+$/, "")
          .replace(/^#+$/, "")
          .replace(/<!--.*?-->/g, "")
          .trim();
        const name = sectionName(text);
        starts.push({
          heading: text,
          kind: "heading",
          level: heading[1]!.length as 1 | 2 | 3,
          from: pos,
          headingTo: contentEnd,
          bodyFrom: next,
          line: lineNumber,
          id: name?.id,
          loose: name?.loose ?? false,
          listItem: false,
        });
      } else {
        const label = labelOf(line);
        if (label) {
          const end = pos + label.end;
          starts.push({ heading: label.heading, kind: "label", level: 4, from: pos, headingTo: end, bodyFrom: end, line: lineNumber, id: label.id, loose: label.loose, listItem: label.listItem });
        }
      }
    }

    // HTML comments that start (and maybe end) on this line.
    for (;;) {
      const open = line.indexOf("<!--", scanFrom);
      if (open === -1) break;
      const close = line.indexOf("-->", open + 4);
      if (close === -1) {
        commentFrom = pos + open;
        break;
      }
      comments.push({ from: pos + open, to: pos + close + 3 });
      scanFrom = close + 3;
    }
    pos = next;
  }
  if (fence) codeBlocks.push({ from: fence.from, to: length, contentFrom: Math.min(fence.contentFrom, length), contentTo: length });
  if (commentFrom !== -1) comments.push({ from: commentFrom, to: length });

  // Turn headings and labels into blocks. `current` is the known section we are in, if any.
  const blocks: (HeadedBlock & { id?: SectionId; loose: boolean })[] = [];
  let current: { level: number; id: SectionId; kind: "heading" | "label" } | null = null;
  for (const h of starts) {
    if (h.kind === "heading" && !h.id && current && h.level > current.level) continue; // a sub-heading of a known section
    if (h.kind === "label" && current && (current.id === h.id || (h.listItem && current.kind === "heading"))) continue; // part of the section it is in
    const previous = blocks[blocks.length - 1];
    if (previous) previous.to = h.from;
    blocks.push({ heading: h.heading, kind: h.kind, level: h.level, from: h.from, headingTo: h.headingTo, bodyFrom: h.bodyFrom, line: h.line, to: length, body: "", id: h.id, loose: h.loose });
    current = h.id ? { level: h.level, id: h.id, kind: h.kind } : null;
  }

  // Pick each section's block: full name before loose name, heading before label, then the first.
  const rank = (b: { loose: boolean; kind: string }) => (b.loose ? 2 : 0) + (b.kind === "label" ? 1 : 0);
  const chosen = new Map<SectionId, (typeof blocks)[number]>();
  for (const block of blocks) {
    if (!block.id) continue;
    const best = chosen.get(block.id);
    if (!best || rank(block) < rank(best)) chosen.set(block.id, block);
  }
  const sections: Partial<Record<SectionId, SpecSection>> = {};
  const other: OtherSection[] = [];
  for (const { id, loose: _loose, ...block } of blocks) {
    block.body = markdown.slice(Math.min(block.bodyFrom, block.to), block.to);
    if (id && chosen.get(id)?.from === block.from) sections[id] = { ...block, id };
    else other.push(id ? { ...block, duplicateOf: id } : block);
  }

  const preambleTo = blocks[0]?.from ?? length;
  return {
    sections,
    other,
    preamble: { from: 0, to: preambleTo, body: markdown.slice(0, preambleTo) },
    codeBlocks,
    comments,
  };
}
