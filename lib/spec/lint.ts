/**
 * Spec lint: how delegable is this spec?
 *
 * Delegated work fails when the spec leaves decisions to the agent. The lint scores a spec
 * (markdown, see sections.ts) from 0 to 100 in two parts. It reads specs as people write them:
 * a section is a `## Heading` or a labelled block (`Tests: …`, `**Location:** …`), list items may
 * be checkboxes, bullets or numbers, and a bare file name with a line (`InvoicesPage.tsx:88`) is as
 * precise a reference as a path.
 *
 * - Positive points, summing to 100, for what makes a spec delegable: a stated outcome, the exact
 *   place in the code (`src/pagination.ts:142`), an example or pattern to follow, a success
 *   checklist, named tests, and boundaries. A partial answer earns part of a rule's points.
 * - Penalties for what makes delegated work fail: vague language ("somehow", "etc."), context
 *   overload (too long, too many files), work spread over many subsystems (not self-contained:
 *   a Leverage-lane task), and unfilled `{{placeholders}}` from a template.
 *
 * Every missing point and every penalty comes with a finding: a message, a concrete fix, and the
 * exact character offsets of the offending text (or of the section heading, or 0–0 for the start
 * of the document when something is absent) so that an editor can highlight it. The rule table —
 * weights, thresholds and why — lives in rules.ts (LINT_CONFIG, RULES).
 *
 * What the lint reads: HTML comments (`<!-- guidance -->`) are ignored entirely — templates keep
 * their guidance there. Vague phrases are not looked for in code (fenced or inline), and
 * placeholders not in fenced code or right after `=` / `$` (`style={{…}}`, `${{ secrets.X }}`),
 * where double braces are syntax rather than template blanks. File references are found
 * everywhere else, including in code, but not inside a placeholder; a named test counts in the
 * Tests section or anywhere outside fenced code.
 *
 * It runs on every keystroke, so it does a fixed number of linear passes (regexes anchored so
 * that they cannot backtrack across the whole text) and no quadratic work.
 */
import { LINT_CONFIG, type RuleId } from "./rules";
import { parseSections, type SpecSection, type TextRange } from "./sections";

export type { RuleId } from "./rules";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  fix: string;
  /** Character offsets of the offending text, or of the section heading / 0–0 when something is absent. */
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
}

export interface LintResult {
  /** 0–100, integer. */
  score: number;
  /** Sorted by severity (error, warning, info), then by position. */
  findings: Finding[];
  /** Words outside HTML comments. */
  wordCount: number;
  /** Distinct file references as written (`src/pagination.ts:142`, `README.md`), in order of first appearance. */
  references: string[];
}

// ---------------------------------------------------------------------------------------------
// Patterns. Each is used in a single pass; the leading look-behinds stop a match from starting
// in the middle of a word, which keeps backtracking linear in the length of that word.

/** `{{…}}` on one line. */
const PLACEHOLDER = /\{\{[^{}\n]*\}\}/g;

// A file path with an extension, optionally followed by a line or range: `:142`, `:40-60`, GitHub's
// `#L40-L60`, or written out (`, line 142`, `(lines 40-60)`). A bare file name counts like a path
// (`InvoicesPage.tsx:88`). The first segment starts with a letter, digit, `_`, `@` or `.`
// (`.github/…`); later ones may also start with `(` or `[` (Next.js route groups and dynamic
// segments). Not matched: URLs (a path may not start right after `/`, `.` or `:`), and an extension
// followed by more word characters.
const SEGMENT_CHAR = String.raw`[\w@()[\].+-]`;
const PATH = new RegExp(
  String.raw`(?<![\w./@:\\-])` +
    String.raw`((?:\.{1,2}\/)*` +
    String.raw`(?:\.?[\w@]${SEGMENT_CHAR}*\/(?:[\w@.([]${SEGMENT_CHAR}*\/)*[\w@.([]${SEGMENT_CHAR}*?|\.?[\w@]${SEGMENT_CHAR}*?)` +
    String.raw`\.([A-Za-z][A-Za-z0-9]{0,9}))` +
    String.raw`(?![\w/-]|\.\w)` +
    String.raw`(?:(?::|#L)(\d+)(?:[-–]L?(\d+))?|,?[ \t]\(?lines?[ \t](\d+)(?:[-–](\d+))?\)?)?`,
  "g",
);

// Every reference needs a code or config extension, with or without a line, so that prose such as
// "e.g.", "v1.2" or "example.com" — or a host and port, "api.example.com:443" — is not a reference.
const FILE_EXTENSIONS = new Set(
  (
    "ts tsx mts cts js jsx mjs cjs py pyi go rs rb java kt kts scala swift m mm c h cc cpp hpp cs fs php " +
    "sql prisma graphql gql proto json jsonc yaml yml toml ini cfg conf xml md mdx txt csv lock " +
    "css scss sass less html htm vue svelte astro sh bash zsh ps1 ex exs erl dart lua tf hcl r jl elm hs clj cljs " +
    "ejs erb hbs pug njk liquid twig rake gradle ipynb svg"
  ).split(" "),
);
// Product names that look like file names.
const NOT_FILES = new Set(
  "next.js node.js vue.js nuxt.js react.js express.js nest.js three.js d3.js chart.js angular.js ember.js backbone.js moment.js day.js alpine.js solid.js p5.js socket.io".split(
    " ",
  ),
);

const VAGUE = /(?<![\w/.-])(?:figure\s+out\s+the\s+best\s+way|somehow|make\s+it\s+better|handle\s+(?:it\s+|them\s+|this\s+|errors\s+)?properly|as\s+needed|etc\b\.?|and\s+so\s+(?:on|forth)|whatever\s+works|tbd|todo)(?![\w/-])/gi;

const VAGUE_FIX: Record<string, string> = {
  "figure out the best way": "Choose the approach and name it (or list the options and the criterion that decides). If it really needs exploring, the task belongs in the Leverage lane.",
  somehow: "Say how: name the approach, or the file and function to change.",
  "make it better": "State the measurable change: what improves, by how much, and how it is checked.",
  "handle properly": "Say what correct handling is for each case (e.g. return 404, retry 3 times, show an error message).",
  "as needed": "List the cases where it is needed, or drop the phrase.",
  "etc.": "List every item; an agent cannot guess the rest of the list.",
  "and so on": "List every item; an agent cannot guess the rest of the list.",
  "whatever works": "State the constraint the solution must meet, or point at a pattern to follow.",
  tbd: "Decide before delegating, or move the open question out of this task.",
  todo: "Resolve the TODO before delegating, or move it to its own task.",
};

// A pointer to existing code to follow. "The existing (export) pattern" and "the same way (as)" are
// how issues usually say it; at most two words between "existing" and "pattern" keep it bounded.
const PATTERN_PHRASE =
  /(?<![\w-])(?:follow(?:s|ing)?\s+the\s+(?:existing\s+|same\s+)?pattern|existing\s+(?:[\w-]+\s+){0,2}pattern|same\s+as|same\s+way|like\s+the\s+one\s+in|as\s+(?:a|the)\s+model|mirror(?:s|ed|ing)?|modell?ed\s+on)(?![\w-])/i;

const CHECKBOX_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]+\S/gm;
const PLAIN_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?!\[[ xX]\](?:[ \t]|$))\S/gm;

const TEST_FILE = /(?<![\w@-])[\w@-]+(?:\.(?:test|spec)\.[A-Za-z]{1,5}|_(?:test|spec)\.[A-Za-z]{1,5})\b|(?<![\w@-])test_\w+\.py\b/;
const TEST_COMMAND =
  /\b(?:(?:npm|pnpm|yarn|bun)(?:\s+run)?\s+test|npx\s+(?:vitest|jest|playwright)|vitest|jest|pytest|go\s+test|cargo\s+(?:test|nextest)|deno\s+test|playwright\s+test|mvn\s+test|gradlew?\s+test|rspec|phpunit|dotnet\s+test|mix\s+test|make\s+test)\b/i;

const INLINE_CODE = /`[^`\n]+`/g;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t]|$)/;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// ---------------------------------------------------------------------------------------------

/** A file reference as written in a spec, where it is, and the line or range it names. */
export interface SpecReference {
  text: string;
  path: string;
  from: number;
  to: number;
  precise: boolean;
  /** The first line named (`:142`, `#L40`, "line 142"), if any. */
  start: number | null;
  /** The last line of a range (`:40-60`), if any. */
  end: number | null;
}
type Reference = SpecReference;

/**
 * Every file reference in a spec, in order, repeats included: what the lint reads as references
 * (not in HTML comments or placeholders), for checking them against the code (references.ts).
 */
export function findSpecReferences(markdown: string): SpecReference[] {
  const visible = blank(markdown, parseSections(markdown).comments);
  return findReferences(visible, matchRanges(PLACEHOLDER, visible));
}

export function lintSpec(markdown: string): LintResult {
  const spec = parseSections(markdown);
  const lineStarts = lineStartsOf(markdown);
  const findings: Finding[] = [];
  const report = (ruleId: RuleId, severity: Severity, message: string, fix: string, range: TextRange) =>
    findings.push({ ruleId, severity, message, fix, from: range.from, to: range.to, line: lineAt(lineStarts, range.from) });
  const half = LINT_CONFIG.partialCredit;

  // Views of the text with the same offsets: comments blanked; also fenced code; also inline code.
  const visible = blank(markdown, spec.comments);
  const noFences = blank(visible, spec.codeBlocks);
  const prose = blank(noFences, matchRanges(INLINE_CODE, noFences));
  const bodyOf = (section: SpecSection | undefined) => (section ? visible.slice(section.bodyFrom, section.to).replace(PLACEHOLDER, " ") : "");
  const headingOf = (section: SpecSection | undefined): TextRange => (section ? { from: section.from, to: section.headingTo } : { from: 0, to: 0 });
  const start: TextRange = { from: 0, to: 0 };
  const { sections } = spec;

  const wordCount = countWords(visible);
  const references = findReferences(visible, matchRanges(PLACEHOLDER, visible));
  let points = 0;
  let penalty = 0;

  // outcome-stated ------------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["outcome-stated"];
    const section = sections.outcome;
    if (countWords(bodyOf(section)) >= config.minWords) {
      points += config.points;
    } else if (leadParagraphWords(noFences, firstSectionStart(spec.sections, markdown.length)) >= config.minWords) {
      points += config.points * half;
      report(
        "outcome-stated",
        "warning",
        "The goal is stated only in the opening paragraph.",
        section ? "Write the outcome in the Outcome section: one or two sentences on what is true when the task is done." : "Add an “## Outcome” section: one or two sentences on what is true when the task is done.",
        headingOf(section),
      );
    } else {
      report(
        "outcome-stated",
        config.missingSeverity,
        section ? `The Outcome section is too thin (fewer than ${config.minWords} words).` : "No outcome: the spec does not say what is true when the task is done.",
        section ? "Say what changes and its effect, e.g. “GET /v2/projects returns 50 projects per page with a next cursor.”" : "Add an “## Outcome” section: one or two sentences on what is true when the task is done.",
        headingOf(section),
      );
    }
  }

  // code-reference ------------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["code-reference"];
    const firstPrecise = references.find((r) => r.precise);
    const firstLoose = references[0];
    if (firstPrecise) {
      points += config.points;
    } else if (firstLoose) {
      points += config.points * half;
      report(
        "code-reference",
        "warning",
        `“${firstLoose.text}” has no line number.`,
        `Point at the exact place: add the line or range, e.g. “${firstLoose.path}:42” or “${firstLoose.path}:40-60”.`,
        firstLoose,
      );
    } else {
      const section = sections.references;
      report(
        "code-reference",
        config.missingSeverity,
        "No reference to the code: the agent has to find the place to change.",
        "Name the exact place, with a line or range, e.g. “src/pagination.ts:142” or “CustomerActions.tsx:45-67”.",
        headingOf(section),
      );
    }
  }

  // example-or-pattern --------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["example-or-pattern"];
    const section = sections.examples;
    const hasExample =
      countWords(bodyOf(section)) > 0 ||
      spec.codeBlocks.some((block) => /\S/.test(markdown.slice(block.contentFrom, block.contentTo))) ||
      PATTERN_PHRASE.test(prose);
    if (hasExample) {
      points += config.points;
    } else {
      report(
        "example-or-pattern",
        config.missingSeverity,
        section ? "The Examples section is empty." : "No example or pattern to follow.",
        "Add an example (input and expected output, or a code block), or point at existing code to mirror, e.g. “follow the pattern in src/api/v2/users.ts:40-95”.",
        headingOf(section),
      );
    }
  }

  // tests-named ---------------------------------------------------------------------------------
  // A test file or command in the Tests section, or anywhere outside code ("…and run npm test").
  const namesTest = (text: string) => TEST_FILE.test(text) || TEST_COMMAND.test(text);
  const testsNamed = namesTest(bodyOf(sections.tests)) || namesTest(noFences.replace(PLACEHOLDER, " "));
  {
    const config = LINT_CONFIG["tests-named"];
    const section = sections.tests;
    const body = bodyOf(section);
    if (testsNamed) {
      points += config.points;
    } else if (countWords(body) > 0) {
      points += config.points * half;
      report(
        "tests-named",
        "warning",
        "The Tests section does not name a test file or a command.",
        "Name the test file to add or change (e.g. “src/lib/pagination.test.ts”) and the command to run (e.g. “npm test -- pagination”).",
        headingOf(section),
      );
    } else {
      report(
        "tests-named",
        config.missingSeverity,
        section ? "The Tests section is empty." : "No tests named: success cannot be checked mechanically.",
        section
          ? "Name the test file to add or change and the command to run, e.g. “npx vitest run src/lib/pagination.test.ts”."
          : "Add a “## Tests” section naming the test file and the command to run, e.g. “npx vitest run src/lib/pagination.test.ts”.",
        headingOf(section),
      );
    }
  }

  // success-criteria ----------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["success-criteria"];
    const section = sections.success;
    const body = bodyOf(section);
    const items = count(CHECKBOX_ITEM, body) + count(PLAIN_ITEM, body); // checkboxes, bullets and numbered items alike
    if (items >= config.minItems) {
      points += config.points;
    } else if (items > 0) {
      points += config.points * half;
      report(
        "success-criteria",
        "warning",
        "Only one success criterion.",
        "Add at least one more checkable criterion: an edge case, a regression to avoid, or a side effect that must not happen.",
        headingOf(section),
      );
    } else if (testsNamed) {
      points += config.points * half;
      report(
        "success-criteria",
        "warning",
        section ? "The Success criteria section lists nothing; the named test is the only check." : "No success criteria; the named test is the only check.",
        section
          ? "List what the test (or a reviewer) should confirm, at least two items, e.g. “- Paging returns each project once”."
          : "Add a “## Success criteria” list of what the test (or a reviewer) should confirm, at least two items.",
        headingOf(section),
      );
    } else {
      report(
        "success-criteria",
        config.missingSeverity,
        section ? "The Success criteria section has no list items." : "No success criteria: nobody can tell when the task is done.",
        section ? "List at least two checkable criteria, one per line: “- [ ] …”, “- …” or “1. …”." : "Add a “## Success criteria” section with at least two “- [ ] …” items.",
        headingOf(section),
      );
    }
  }

  // boundaries-stated ---------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["boundaries-stated"];
    const section = sections.boundaries;
    if (countWords(bodyOf(section)) > 0) {
      points += config.points;
    } else {
      report(
        "boundaries-stated",
        config.missingSeverity,
        section ? "The Boundaries section is empty." : "No boundaries: nothing says what the agent must leave alone.",
        section
          ? "List what is out of scope, e.g. “Do not change the public API” or “Leave the v1 endpoints alone”."
          : "Add a “## Boundaries” section listing what is out of scope, e.g. “Do not change the public API”.",
        headingOf(section),
      );
    }
  }

  // vague-language ------------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["vague-language"];
    let cost = 0; // points, before the cap
    for (const match of prose.matchAll(VAGUE)) {
      const phrase = match[0];
      let key = phrase.toLowerCase().replace(/\s+/g, " ");
      const openDecision = key === "tbd" || key === "todo";
      if (openDecision && phrase !== phrase.toUpperCase()) continue; // markers, not the word "todo app"
      if (key === "etc" || key === "etc.") key = "etc.";
      else if (key.startsWith("handle ")) key = "handle properly";
      else if (key === "and so forth") key = "and so on";
      cost += openDecision ? config.openDecisionPenalty : config.penalty;
      const from = match.index;
      report("vague-language", "warning", `Vague: “${phrase}” leaves a decision to the agent.`, VAGUE_FIX[key] ?? "Replace it with the specific behaviour you expect.", {
        from,
        to: from + phrase.length,
      });
    }
    penalty += Math.min(cost, config.maxPenalty);
  }

  // context-overload ----------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["context-overload"];
    if (wordCount > config.longWords) {
      const veryLong = wordCount > config.veryLongWords;
      penalty += veryLong ? config.veryLongPenalty : config.longPenalty;
      report(
        "context-overload",
        "warning",
        `The spec is ${wordCount.toLocaleString("en")} words (over ${(veryLong ? config.veryLongWords : config.longWords).toLocaleString("en")}); the outcome gets lost in the context.`,
        veryLong
          ? "Split the task, and link to documents instead of pasting them."
          : "Link to documents instead of pasting them, and cut context the agent does not need.",
        start,
      );
    }
    const distinct = distinctReferences(references);
    const overflow = distinct[config.maxReferences];
    if (overflow) {
      penalty += config.referencesPenalty;
      report(
        "context-overload",
        "warning",
        `${distinct.length} distinct file references (over ${config.maxReferences}): the change is too wide to review in one go.`,
        "Split the task, or link to a list of files instead of naming each one.",
        overflow,
      );
    }
  }

  // not-self-contained --------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["not-self-contained"];
    const areas: string[] = [];
    let overflow: Reference | undefined;
    for (const reference of references) {
      const area = areaOf(reference.path, config.monorepoRoots);
      if (area === undefined || areas.includes(area)) continue;
      areas.push(area);
      if (areas.length === config.maxAreas + 1) overflow = reference;
    }
    if (overflow) {
      penalty += config.penalty + config.perExtraArea * (areas.length - config.maxAreas - 1);
      report(
        "not-self-contained",
        "warning",
        `References span ${areas.length} areas of the codebase (${areas.join(", ")}): several subsystems must be coordinated.`,
        "Split it into one task per area, or move it to the Leverage lane and work through it in a pairing session.",
        overflow,
      );
    }
  }

  // unfilled-placeholder ------------------------------------------------------------------------
  {
    const config = LINT_CONFIG["unfilled-placeholder"];
    let occurrences = 0;
    for (const match of noFences.matchAll(PLACEHOLDER)) {
      const from = match.index;
      const before = noFences[from - 1];
      if (before === "=" || before === "$") continue; // JSX style={{…}}, GitHub Actions ${{ … }}
      occurrences++;
      report(
        "unfilled-placeholder",
        "error",
        `Unfilled placeholder “${match[0]}”.`,
        `Replace “${match[0]}” with the real value, or delete the line if it does not apply.`,
        { from, to: from + match[0].length },
      );
    }
    penalty += Math.min(occurrences * config.penalty, config.maxPenalty);
  }

  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.from - b.from || a.to - b.to);
  const score = Math.round(Math.min(100, Math.max(0, points - penalty)));
  return { score, findings, wordCount, references: distinctReferences(references).map((r) => r.text) };
}

// ---------------------------------------------------------------------------------------------
// Helpers (all linear).

/** Offsets at which each line starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line containing `offset` (binary search). */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** `text` with every character in `ranges` (sorted, disjoint) except line breaks replaced by a space. */
function blank(text: string, ranges: readonly TextRange[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const range of ranges) {
    parts.push(text.slice(at, range.from), text.slice(range.from, range.to).replace(/[^\n]/g, " "));
    at = range.to;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

function matchRanges(pattern: RegExp, text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(pattern)) ranges.push({ from: match.index, to: match.index + match[0].length });
  return ranges;
}

function count(pattern: RegExp, text: string): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}

/** Whitespace-separated tokens that contain a letter or digit (so `-`, `##` and `|` are not words). */
function countWords(text: string): number {
  let n = 0;
  for (const match of text.matchAll(/\S+/g)) if (HAS_LETTER_OR_DIGIT.test(match[0])) n++;
  return n;
}

function firstSectionStart(sections: Partial<Record<string, SpecSection>>, fallback: number): number {
  let first = fallback;
  for (const section of Object.values(sections)) if (section && section.from < first) first = section.from;
  return first;
}

/** Words in the first paragraph before the first known section (skipping headings such as a `# Title`). */
function leadParagraphWords(text: string, end: number): number {
  const lines = text.slice(0, end).split("\n");
  let paragraph = "";
  for (const line of lines) {
    const isBlank = line.trim() === "";
    const isHeading = HEADING_LINE.test(line);
    if (paragraph === "") {
      if (!isBlank && !isHeading) paragraph = line;
    } else if (isBlank || isHeading) {
      break;
    } else {
      paragraph += `\n${line}`;
    }
  }
  return countWords(paragraph.replace(PLACEHOLDER, " "));
}

/** Every file reference in `text`, skipping those inside a placeholder (`excluded`, sorted). */
function findReferences(text: string, excluded: readonly TextRange[]): Reference[] {
  const references: Reference[] = [];
  let next = 0; // index into `excluded`
  for (const match of text.matchAll(PATH)) {
    const from = match.index;
    const to = from + match[0].length;
    while (next < excluded.length && (excluded[next]?.to ?? 0) <= from) next++;
    const skip = excluded[next];
    if (skip && skip.from < to) continue;
    const path = match[1] ?? "";
    const extension = (match[2] ?? "").toLowerCase();
    const startText = match[3] ?? match[5];
    const endText = match[4] ?? match[6];
    if (!FILE_EXTENSIONS.has(extension) || (!path.includes("/") && NOT_FILES.has(path.toLowerCase()))) continue;
    references.push({
      text: match[0],
      path,
      from,
      to,
      precise: startText !== undefined,
      start: startText === undefined ? null : Number(startText),
      end: endText === undefined ? null : Number(endText),
    });
  }
  return references;
}

/** The first occurrence of each distinct reference text. */
function distinctReferences(references: readonly Reference[]): Reference[] {
  const seen = new Set<string>();
  return references.filter((r) => !seen.has(r.text) && Boolean(seen.add(r.text)));
}

/** The top-level area of a path: its first segment, or two for monorepo roots (`packages/billing`). */
function areaOf(path: string, monorepoRoots: readonly string[]): string | undefined {
  const segments = path.replace(/^(?:\.{1,2}\/)+/, "").split("/");
  if (segments.length < 2) return undefined;
  const first = segments[0] ?? "";
  return monorepoRoots.includes(first) && segments.length >= 3 ? `${first}/${segments[1]}` : first;
}
