// Turns a task's spec into the prompt handed to a coding agent. Pure and deterministic: the same
// input always gives the same text (no dates, no ids), so prompts can be compared and cached.

import { parseSections, type TextRange } from "./sections";

export interface AgentPromptInput {
  /** Task key, e.g. "API-42". */
  key: string;
  title: string;
  /** The spec (task description). */
  markdown: string;
  /** Extra boundaries to repeat at the end (e.g. team-wide rules), after the spec's own Boundaries section. */
  boundaries?: string;
}

/**
 * A clean markdown prompt: a heading with the key and title, a one-line instruction, the spec
 * (without HTML comments, which hold template guidance), then a closing "Boundaries — do not:"
 * block repeating the spec's Boundaries section and `input.boundaries` (omitted when both are
 * empty), and what to report when done.
 */
export function toAgentPrompt(input: AgentPromptInput): string {
  const key = oneLine(input.key);
  const title = oneLine(input.title);
  const parsed = parseSections(input.markdown);
  const spec = tidy(removeRanges(input.markdown, parsed.comments));

  const boundariesSection = parsed.sections.boundaries;
  const boundaries = [
    boundariesSection ? tidy(removeRanges(input.markdown, parsed.comments, boundariesSection)) : "",
    tidy(input.boundaries ?? ""),
  ].filter((part) => part !== "");

  const parts = [
    `# ${key}: ${title}`,
    `You are implementing task ${key} ("${title}"). The spec below is the source of truth: follow it, and stay within its boundaries.`,
    "---",
    spec === "" ? "_(The spec is empty.)_" : spec,
    "---",
  ];
  if (boundaries.length > 0) parts.push("**Boundaries — do not:**", boundaries.join("\n\n"));
  parts.push("When done, report: summary, branch/PR, test results.");
  return `${parts.join("\n\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Trims, normalises line breaks and collapses runs of blank lines. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The text of `within` (a section body, or the whole input) without the `ranges` (sorted, disjoint). */
function removeRanges(text: string, ranges: readonly TextRange[], within?: { bodyFrom: number; to: number }): string {
  const from = within ? within.bodyFrom : 0;
  const to = within ? within.to : text.length;
  const parts: string[] = [];
  let at = from;
  for (const range of ranges) {
    if (range.to <= from || range.from >= to) continue;
    parts.push(text.slice(at, Math.max(at, range.from)));
    at = Math.min(to, Math.max(at, range.to));
  }
  parts.push(text.slice(at, to));
  return parts.join("");
}
