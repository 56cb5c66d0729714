// The calibration corpus: real-world-shaped specs in lib/spec/corpus/, each labelled by a person
// as delegable or not (and why) before it was scored. Every delegable spec must score at or above
// the default workspace threshold and every other one below it; the test prints how far apart the
// two groups are. When a spec lands on the wrong side, fix the rules (rules.ts), not the label.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintSpec, type LintResult } from "./lint";

const CORPUS = path.join(import.meta.dirname, "corpus");
const LABELS = ["delegable", "not-delegable"] as const;
type Label = (typeof LABELS)[number];

interface CorpusSpec {
  file: string;
  why: string;
  label: Label;
  shape: string;
  markdown: string;
  result: LintResult;
}

/** The default `specThreshold` of a workspace, read from the schema so that the two cannot drift. */
function defaultThreshold(): number {
  const schema = readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  const match = /^\s*specThreshold\s+Int\s+@default\((\d+)\)/m.exec(schema);
  if (!match) throw new Error("specThreshold @default(…) not found in prisma/schema.prisma");
  return Number(match[1]);
}

/** A corpus file: a front-matter block of `key: value` lines between `---` lines, then the spec. */
function readSpec(file: string): CorpusSpec {
  const text = readFileSync(path.join(CORPUS, file), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split("\n")) {
    const field = /^(\w+):\s*(.*)$/.exec(line);
    if (!field) throw new Error(`${file}: front-matter line is not "key: value": ${line}`);
    fields[field[1]!] = field[2]!.trim();
  }
  const { why = "", label = "", shape = "" } = fields;
  if (!(LABELS as readonly string[]).includes(label)) throw new Error(`${file}: label must be one of ${LABELS.join(", ")}, not "${label}"`);
  if (why.length < 40) throw new Error(`${file}: say why it is (not) delegable`);
  if (!shape) throw new Error(`${file}: no shape`);
  const markdown = text.slice(match[0].length);
  return { file, why, label: label as Label, shape, markdown, result: lintSpec(markdown) };
}

const threshold = defaultThreshold();
const specs = readdirSync(CORPUS)
  .filter((file) => file.endsWith(".md"))
  .sort()
  .map(readSpec);
const delegable = specs.filter((s) => s.label === "delegable");
const notDelegable = specs.filter((s) => s.label === "not-delegable");
const shapes = (shape: string) => specs.filter((s) => s.shape === shape);

const describeFindings = (result: LintResult) =>
  result.findings.map((f) => `  - ${f.ruleId} (${f.severity}, line ${f.line}): ${f.message}`).join("\n") || "  (no findings)";

describe("spec lint corpus", () => {
  it("has at least 40 specs, both labels, and the shapes people write", () => {
    expect(specs.length).toBeGreaterThanOrEqual(40);
    expect(delegable.length).toBeGreaterThanOrEqual(15);
    expect(notDelegable.length).toBeGreaterThanOrEqual(15);
    expect(shapes("issue-tracker").length).toBeGreaterThanOrEqual(8);
    expect(shapes("template").length).toBeGreaterThanOrEqual(8);
    expect(shapes("one-liner").length).toBeGreaterThanOrEqual(6);
    expect(shapes("context-dump").length).toBeGreaterThanOrEqual(6);
    for (const s of [...shapes("one-liner"), ...shapes("context-dump")]) expect(s.label, s.file).toBe("not-delegable");
  });

  it.each(delegable.map((s) => [s.file, s] as const))(`%s (delegable) scores at or above ${threshold}`, (_file, s) => {
    expect(s.result.score, `${s.file} is labelled delegable (${s.why}) but scores ${s.result.score}, below ${threshold}. Findings:\n${describeFindings(s.result)}`).toBeGreaterThanOrEqual(threshold);
  });

  it.each(notDelegable.map((s) => [s.file, s] as const))(`%s (not delegable) scores below ${threshold}`, (_file, s) => {
    expect(s.result.score, `${s.file} is labelled not delegable (${s.why}) but scores ${s.result.score}, at or above ${threshold}. Findings:\n${describeFindings(s.result)}`).toBeLessThan(threshold);
  });

  afterAll(() => {
    const lowest = Math.min(...delegable.map((s) => s.result.score));
    const highest = Math.max(...notDelegable.map((s) => s.result.score));
    const rows = [...specs]
      .sort((a, b) => b.result.score - a.result.score || a.file.localeCompare(b.file))
      .map((s) => {
        const wrong = s.label === "delegable" ? s.result.score < threshold : s.result.score >= threshold;
        return `${wrong ? "✗" : " "} ${String(s.result.score).padStart(3)}  ${s.label.padEnd(13)}  ${s.shape.padEnd(13)}  ${s.file}`;
      });
    console.log(
      [
        `Spec lint corpus: ${specs.length} specs (${delegable.length} delegable, ${notDelegable.length} not delegable), threshold ${threshold}`,
        `Lowest delegable score: ${lowest}. Highest not-delegable score: ${highest}. Margin: ${lowest - highest} points.`,
        "",
        `  score  label          shape          file`,
        ...rows,
      ].join("\n"),
    );
  });
});
