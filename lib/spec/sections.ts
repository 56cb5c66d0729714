// Splits a spec (markdown) into its sections. Pure and linear: one pass over the lines.
//
// A section starts at an ATX heading of level 1–3 (`#`, `##`, `###`) whose text names one of the
// eight sections (case-insensitive, with synonyms such as "Goal" or "Acceptance criteria"). Other
// headings are kept in `other`, except that an unknown heading nested *deeper* than the known
// section it sits in (a `### Endpoint` under `## Requirements`) stays part of that section's body:
// sub-headings organise a section, they do not end it. Headings inside fenced code blocks and
// inside HTML comments are not headings. Every offset is an exact, 0-based character offset into
// the input, and every line number is 1-based, so an editor can highlight the text.

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
  /** The heading text as written, without the `#` marks (e.g. "Acceptance criteria"). */
  heading: string;
  level: 1 | 2 | 3;
  /** Offset of the first character of the heading line. */
  from: number;
  /** End of the heading line (exclusive, before the line break). */
  headingTo: number;
  /** Offset of the first character after the heading line. */
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
  /** The first occurrence of each known section. */
  sections: Partial<Record<SectionId, SpecSection>>;
  /** Sections under unknown (or repeated) headings, in document order. */
  other: OtherSection[];
  /** Text before the first heading. */
  preamble: TextRange & { body: string };
  /** Fenced code blocks, in document order. */
  codeBlocks: CodeBlock[];
  /** HTML comments (`<!-- … -->`) outside code blocks, in document order. An unclosed comment runs to the end. */
  comments: TextRange[];
}

// Keys are normalised: lower case, hyphens and runs of whitespace as one space, no trailing colon.
const HEADING_SYNONYMS: Record<string, SectionId> = {
  outcome: "outcome",
  outcomes: "outcome",
  "desired outcome": "outcome",
  "expected outcome": "outcome",
  goal: "outcome",
  goals: "outcome",
  objective: "outcome",
  context: "context",
  background: "context",
  reference: "references",
  references: "references",
  requirements: "requirements",
  requirement: "requirements",
  behaviour: "requirements",
  behavior: "requirements",
  "expected behaviour": "requirements",
  "expected behavior": "requirements",
  example: "examples",
  examples: "examples",
  "success criteria": "success",
  "success criterion": "success",
  "acceptance criteria": "success",
  "definition of done": "success",
  boundaries: "boundaries",
  "out of scope": "boundaries",
  "non goals": "boundaries",
  nongoals: "boundaries",
  tests: "tests",
  test: "tests",
  testing: "tests",
  "test plan": "tests",
};

/**
 * The section a heading names, or undefined. Tolerates case, `**bold**`, a leading number
 * ("2. Context"), a trailing colon and a trailing parenthetical ("Boundaries (out of scope)").
 */
export function sectionIdForHeading(text: string): SectionId | undefined {
  let key = text
    .trim()
    .replace(/^[*_]+|[*_]+$/g, "")
    .replace(/^\d+[.)]\s+/, "")
    .toLowerCase()
    .replace(/[\s-]+/g, " ")
    .replace(/\s*:$/, "")
    .trim();
  const direct = HEADING_SYNONYMS[key];
  if (direct) return direct;
  key = key.replace(/\s*\([^()]*\)$/, "");
  return HEADING_SYNONYMS[key];
}

const HEADING_LINE = /^ {0,3}(#{1,3})(?:[ \t]+(.*?))?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

interface RawHeading {
  heading: string;
  level: 1 | 2 | 3;
  from: number;
  headingTo: number;
  bodyFrom: number;
  line: number;
  id: SectionId | undefined;
}

export function parseSections(markdown: string): ParsedSpec {
  const length = markdown.length;
  const codeBlocks: CodeBlock[] = [];
  const comments: TextRange[] = [];
  const headings: RawHeading[] = [];

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
        headings.push({
          heading: text,
          level: heading[1]!.length as 1 | 2 | 3,
          from: pos,
          headingTo: contentEnd,
          bodyFrom: next,
          line: lineNumber,
          id: sectionIdForHeading(text),
        });
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

  // Turn headings into sections. `current` is the known section we are in, if any.
  const sections: Partial<Record<SectionId, SpecSection>> = {};
  const other: OtherSection[] = [];
  const blocks: HeadedBlock[] = [];
  let current: { level: number } | null = null;
  for (const h of headings) {
    if (!h.id && current && h.level > current.level) continue; // a sub-heading of a known section
    const block: HeadedBlock = { heading: h.heading, level: h.level, from: h.from, headingTo: h.headingTo, bodyFrom: h.bodyFrom, line: h.line, to: length, body: "" };
    const previous = blocks[blocks.length - 1];
    if (previous) previous.to = h.from;
    blocks.push(block);
    if (h.id && !sections[h.id]) {
      sections[h.id] = Object.assign(block, { id: h.id });
    } else {
      other.push(h.id ? Object.assign(block, { duplicateOf: h.id }) : block);
    }
    current = h.id ? { level: h.level } : null;
  }
  for (const block of blocks) block.body = markdown.slice(Math.min(block.bodyFrom, block.to), block.to);

  const preambleTo = blocks[0]?.from ?? length;
  return {
    sections,
    other,
    preamble: { from: 0, to: preambleTo, body: markdown.slice(0, preambleTo) },
    codeBlocks,
    comments,
  };
}
