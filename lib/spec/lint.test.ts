import { describe, expect, it } from "vitest";
import { lintSpec, type Finding, type LintResult } from "./lint";
import { LINT_CONFIG, RULE_IDS, RULES, type RuleId } from "./rules";

// A spec that earns every point and triggers no rule. Tests below break one thing at a time.
const SECTIONS = {
  outcome: "## Outcome\n\nGET /v2/projects returns projects in pages of 50 with a next cursor until the last page.\n",
  context: "## Context\n\nLarge workspaces time out loading every project at once.\n",
  references: "## References\n\n- Endpoint: `src/api/v2/projects.ts:18`\n",
  requirements: "## Requirements\n\n- Accept `cursor` and `limit` query parameters.\n- Cap `limit` at 200.\n",
  examples: "## Examples\n\nA request for two projects returns two items and a cursor.\n",
  success: "## Success criteria\n\n- [ ] Paging through all projects returns each exactly once.\n- [x] An invalid cursor returns 400.\n",
  boundaries: "## Boundaries\n\n- Do not change the v1 endpoint.\n",
  tests: "## Tests\n\n- Run `npx vitest run src/api/v2/projects.test.ts`.\n",
};
type Part = keyof typeof SECTIONS;
const spec = (overrides: Partial<Record<Part, string>> = {}, extra = "") =>
  (Object.keys(SECTIONS) as Part[]).map((part) => (part in overrides ? overrides[part] : SECTIONS[part])).join("\n") + extra;
const FULL = spec();

const ofRule = (result: LintResult, ruleId: RuleId): Finding[] => result.findings.filter((f) => f.ruleId === ruleId);
const only = (result: LintResult, ruleId: RuleId): Finding => {
  const found = ofRule(result, ruleId);
  expect(found, `${ruleId} findings`).toHaveLength(1);
  return found[0]!;
};
/** `count` words of filler prose with no rule triggers. */
const filler = (count: number) => Array.from({ length: count }, (_, i) => ["alpha", "beta", "gamma", "delta", "epsilon"][i % 5]).join(" ");

describe("rules table", () => {
  it("has a title and description for every rule, and positive points summing to 100", () => {
    expect(Object.keys(RULES).sort()).toEqual([...RULE_IDS].sort());
    const positive: RuleId[] = ["outcome-stated", "code-reference", "example-or-pattern", "success-criteria", "tests-named", "boundaries-stated"];
    expect(positive.reduce((sum, id) => sum + (LINT_CONFIG[id] as { points: number }).points, 0)).toBe(100);
  });
});

describe("score", () => {
  it("gives a spec with everything 100 and no findings", () => {
    const result = lintSpec(FULL);
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.references).toEqual(["src/api/v2/projects.ts:18", "src/api/v2/projects.test.ts"]);
  });

  it("gives a one-line wish a very low score", () => {
    const result = lintSpec("Please add dark mode to the app");
    expect(result.score).toBeLessThanOrEqual(10);
    expect(result.wordCount).toBe(7);
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(
      new Set(["outcome-stated", "code-reference", "example-or-pattern", "success-criteria", "tests-named", "boundaries-stated"]),
    );
  });

  it("scores an empty spec 0", () => {
    expect(lintSpec("").score).toBe(0);
  });

  it("subtracts each missing rule's points", () => {
    expect(lintSpec(spec({ outcome: "" })).score).toBe(80);
    expect(lintSpec(spec({ references: "", tests: "## Tests\n\nRun `npm test`.\n" })).score).toBe(80);
    expect(lintSpec(spec({ examples: "" })).score).toBe(85);
    expect(lintSpec(spec({ success: "" })).score).toBe(80);
    expect(lintSpec(spec({ tests: "" })).score).toBe(85);
    expect(lintSpec(spec({ boundaries: "" })).score).toBe(90);
    expect(lintSpec(spec({ outcome: "", success: "", boundaries: "" })).score).toBe(50);
  });

  it("rounds partial credit to an integer", () => {
    // Tests section without a concrete name: 15 / 2 = 7.5 → 93 (rounded).
    const result = lintSpec(spec({ tests: "## Tests\n\nCheck that it works in the browser.\n" }));
    expect(result.score).toBe(93);
    expect(Number.isInteger(result.score)).toBe(true);
  });

  it("clamps to 0 when penalties exceed the points", () => {
    const md = "{{A}} {{B}} {{C}} {{D}} somehow etc. TBD as needed and so on";
    const result = lintSpec(md);
    expect(result.score).toBe(0);
    expect(ofRule(result, "unfilled-placeholder")).toHaveLength(4);
    expect(ofRule(result, "vague-language")).toHaveLength(5);
  });

  it("never exceeds 100 when a spec earns a rule several ways", () => {
    const result = lintSpec(spec({}, "\nFollow the pattern in `src/api/v2/users.ts:40-95`.\n```ts\nconst x = 1;\n```\n"));
    expect(result.score).toBe(100);
  });

  it("sorts findings by severity, then position, with 1-based lines", () => {
    const md = "Somehow.\n\n## Outcome\nShort.\n\n{{X}}\n";
    const { findings } = lintSpec(md);
    const ranks = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < findings.length; i++) {
      const [a, b] = [findings[i - 1]!, findings[i]!];
      expect(ranks[a.severity] < ranks[b.severity] || (a.severity === b.severity && a.from <= b.from)).toBe(true);
    }
    expect(findings[0]!.severity).toBe("error");
    const placeholder = only(lintSpec(md), "unfilled-placeholder");
    expect(placeholder.line).toBe(6);
    expect(only(lintSpec(md), "vague-language").line).toBe(1);
    expect(only(lintSpec(md), "outcome-stated")).toMatchObject({ line: 3, from: 10, to: 20 });
  });
});

describe("outcome-stated", () => {
  it("passes with an Outcome (or Goal) section of at least 8 words", () => {
    expect(ofRule(lintSpec(FULL), "outcome-stated")).toEqual([]);
    expect(ofRule(lintSpec(spec({ outcome: "# Goal\nUsers can export a board as a CSV file today.\n" })), "outcome-stated")).toEqual([]);
  });

  it("reports a missing outcome at the start of the document, as an error", () => {
    const finding = only(lintSpec(spec({ outcome: "" })), "outcome-stated");
    expect(finding).toMatchObject({ severity: "error", from: 0, to: 0, line: 1 });
  });

  it("reports a thin Outcome section at its heading", () => {
    const md = spec({ outcome: "## Outcome\n\nAdd dark mode.\n" });
    const finding = only(lintSpec(md), "outcome-stated");
    expect(finding.severity).toBe("error");
    expect(md.slice(finding.from, finding.to)).toBe("## Outcome");
    expect(lintSpec(md).score).toBe(80);
  });

  it("does not count placeholders or comments as words", () => {
    const md = spec({ outcome: "## Outcome\n\n<!-- One or two sentences about what is true when done. -->\n{{Describe the outcome in one or two full sentences please}}\n" });
    expect(only(lintSpec(md), "outcome-stated").severity).toBe("error");
  });

  it("gives half points, with a warning, for a goal stated only in the opening paragraph", () => {
    const md = spec({ outcome: "# API-7: Paginate projects\n\nWe want GET /v2/projects to return pages of 50 projects with a cursor.\n" });
    const result = lintSpec(md);
    expect(only(result, "outcome-stated")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    expect(result.score).toBe(90);
  });
});

describe("code-reference", () => {
  it("recognises precise references with a line or a range", () => {
    const md = spec({ references: "## References\n\n- src/pagination.ts:142\n- `app/(app)/page.tsx:10-20`\n- (CustomerActions.tsx:45-67)\n- app/[slug]/route.ts:3\n" });
    const result = lintSpec(md);
    expect(ofRule(result, "code-reference")).toEqual([]);
    expect(result.references).toEqual([
      "src/pagination.ts:142",
      "app/(app)/page.tsx:10-20",
      "CustomerActions.tsx:45-67",
      "app/[slug]/route.ts:3",
      "src/api/v2/projects.test.ts",
    ]);
  });

  it("gives half points and a warning on the path when no reference has a line", () => {
    const md = spec({ references: "## References\n\n- The endpoint lives in `src/api/v2/projects.ts`.\n" });
    const result = lintSpec(md);
    const finding = only(result, "code-reference");
    expect(finding.severity).toBe("warning");
    expect(md.slice(finding.from, finding.to)).toBe("src/api/v2/projects.ts");
    expect(finding.fix).toContain("src/api/v2/projects.ts:42");
    expect(result.score).toBe(90);
  });

  it("reports no reference as an error at the References heading, or at the start", () => {
    const noTestFile = { tests: "## Tests\n\nRun `npm test`.\n" };
    const thin = spec({ ...noTestFile, references: "## References\n\nThe projects endpoint.\n" });
    const finding = only(lintSpec(thin), "code-reference");
    expect(finding.severity).toBe("error");
    expect(thin.slice(finding.from, finding.to)).toBe("## References");
    expect(only(lintSpec(spec({ ...noTestFile, references: "" })), "code-reference")).toMatchObject({ from: 0, to: 0 });
  });

  it("does not take URLs, abbreviations, product names or placeholders for files", () => {
    const md =
      "See https://example.com/docs/page.html and www.example.com, e.g. this, i.e. that, Next.js and Node.js, version 1.2.3, {{path/to/file.ts:line}}.";
    expect(lintSpec(md).references).toEqual([]);
  });

  it("finds references in code and keeps each distinct one once", () => {
    const md = "```\nat handler (src/api/v2/users.ts:40:7)\n```\nAlso src/api/v2/users.ts:40 and ./lib/x.test.ts and .github/workflows/ci.yml.";
    expect(lintSpec(md).references).toEqual(["src/api/v2/users.ts:40", "./lib/x.test.ts", ".github/workflows/ci.yml"]);
  });
});

describe("example-or-pattern", () => {
  it("passes with an Examples section, a fenced code block, or a pattern to follow", () => {
    expect(ofRule(lintSpec(FULL), "example-or-pattern")).toEqual([]);
    const code = spec({ examples: "" }, "\n```json\n{ \"items\": [] }\n```\n");
    expect(ofRule(lintSpec(code), "example-or-pattern")).toEqual([]);
    for (const phrase of ["Follow the pattern in users.ts.", "Same as the users endpoint.", "Like the one in users.ts.", "Mirror the users endpoint."]) {
      expect(ofRule(lintSpec(spec({ examples: "" }, `\n${phrase}\n`)), "example-or-pattern"), phrase).toEqual([]);
    }
  });

  it("reports a missing example as a warning at the start, or an empty Examples section at its heading", () => {
    expect(only(lintSpec(spec({ examples: "" })), "example-or-pattern")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    const md = spec({ examples: "## Example\n\n<!-- show one -->\n" });
    const finding = only(lintSpec(md), "example-or-pattern");
    expect(md.slice(finding.from, finding.to)).toBe("## Example");
  });
});

describe("success-criteria", () => {
  it("passes with two or more checklist items (- [ ], - [x], * [ ])", () => {
    expect(ofRule(lintSpec(FULL), "success-criteria")).toEqual([]);
    const md = spec({ success: "## Acceptance criteria\n\n* [ ] One thing works.\n* [X] Another thing works.\n" });
    expect(ofRule(lintSpec(md), "success-criteria")).toEqual([]);
  });

  it("gives half points for a single item", () => {
    const md = spec({ success: "## Success criteria\n\n- [ ] Paging returns each project once.\n" });
    const result = lintSpec(md);
    const finding = only(result, "success-criteria");
    expect(finding.severity).toBe("warning");
    expect(md.slice(finding.from, finding.to)).toBe("## Success criteria");
    expect(result.score).toBe(90);
  });

  it("gives half points and a warning for items without checkboxes", () => {
    const md = spec({ success: "## Definition of done\n\n- Paging works.\n- Invalid cursors return 400.\n" });
    const result = lintSpec(md);
    expect(only(result, "success-criteria").message).toMatch(/not a checklist/);
    expect(result.score).toBe(90);
  });

  it("reports a missing section (error at start) and a section with no items (error at heading)", () => {
    expect(only(lintSpec(spec({ success: "" })), "success-criteria")).toMatchObject({ severity: "error", from: 0, to: 0 });
    const md = spec({ success: "## Success criteria\n\nIt works.\n- [ ] {{criterion}}\n" });
    const finding = only(lintSpec(md), "success-criteria");
    expect(finding.severity).toBe("error");
    expect(md.slice(finding.from, finding.to)).toBe("## Success criteria");
  });
});

describe("tests-named", () => {
  it("passes when the Tests section names a test file or a command", () => {
    const names = [
      "src/lib/pagination.test.ts",
      "billing.spec.ts",
      "invoice_test.go",
      "tests/test_invoice.py",
      "npm test",
      "pnpm test",
      "npm run test:unit",
      "vitest",
      "jest --watch",
      "pytest -k invoice",
      "go test ./...",
      "cargo test",
    ];
    for (const name of names) {
      const md = spec({ tests: `## Testing\n\nUse ${name} for this.\n` });
      expect(ofRule(lintSpec(md), "tests-named"), name).toEqual([]);
    }
  });

  it("gives half points, with a warning at the heading, for a Tests section that names nothing", () => {
    const md = spec({ tests: "## Tests\n\nAdd some tests for the new behaviour.\n" });
    const result = lintSpec(md);
    const finding = only(result, "tests-named");
    expect(finding.severity).toBe("warning");
    expect(md.slice(finding.from, finding.to)).toBe("## Tests");
    expect(result.score).toBe(93);
  });

  it("reports a missing or empty Tests section as a warning", () => {
    expect(only(lintSpec(spec({ tests: "" })), "tests-named")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    const md = spec({ tests: "## Tests\n\n{{test command}}\n" });
    const finding = only(lintSpec(md), "tests-named");
    expect(md.slice(finding.from, finding.to)).toBe("## Tests");
    expect(finding.message).toMatch(/empty/);
  });
});

describe("boundaries-stated", () => {
  it("passes with a non-empty Boundaries (or Out of scope / Non-goals) section", () => {
    expect(ofRule(lintSpec(FULL), "boundaries-stated")).toEqual([]);
    expect(ofRule(lintSpec(spec({ boundaries: "## Out of scope\n\nThe v1 API.\n" })), "boundaries-stated")).toEqual([]);
    expect(ofRule(lintSpec(spec({ boundaries: "### Non-goals\n\nThe v1 API.\n" })), "boundaries-stated")).toEqual([]);
  });

  it("reports a missing section at the start and an empty one at its heading, as warnings", () => {
    expect(only(lintSpec(spec({ boundaries: "" })), "boundaries-stated")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    const md = spec({ boundaries: "## Boundaries\n\n" });
    const finding = only(lintSpec(md), "boundaries-stated");
    expect(md.slice(finding.from, finding.to)).toBe("## Boundaries");
  });
});

describe("vague-language", () => {
  it("finds nothing in a precise spec", () => {
    expect(ofRule(lintSpec(FULL), "vague-language")).toEqual([]);
  });

  it("reports each phrase with its exact offsets and a fix, −5 each", () => {
    const phrases = ["figure out the best way", "Somehow", "make it better", "handle properly", "as needed", "etc.", "and so on", "whatever works", "TBD", "TODO"];
    for (const phrase of phrases) {
      const md = spec({}, `\nNote: ${phrase} for the edge cases.\n`);
      const result = lintSpec(md);
      const finding = only(result, "vague-language");
      expect(md.slice(finding.from, finding.to), phrase).toBe(phrase);
      expect(finding.severity).toBe("warning");
      expect(finding.fix.length).toBeGreaterThan(20);
      expect(result.score, phrase).toBe(95);
    }
  });

  it("reports every occurrence, but caps the penalty at −20", () => {
    const md = spec({}, "\nSomehow. Somehow. Somehow. Somehow. Somehow. Somehow.\n");
    const result = lintSpec(md);
    const findings = ofRule(result, "vague-language");
    expect(findings).toHaveLength(6);
    expect(new Set(findings.map((f) => f.from)).size).toBe(6);
    for (const f of findings) expect(md.slice(f.from, f.to)).toBe("Somehow");
    expect(result.score).toBe(80);
  });

  it("is word-bounded, and ignores code, comments, paths and a lowercase todo", () => {
    const md = spec(
      {},
      "\nA todo app with etcetera, somehowever, TODOS and /etc/hosts.\n`etc.` and\n```\n// TODO: somehow\n```\n<!-- TBD -->\n",
    );
    expect(ofRule(lintSpec(md), "vague-language")).toEqual([]);
  });
});

describe("context-overload", () => {
  it("does not fire for a normal spec", () => {
    expect(ofRule(lintSpec(FULL), "context-overload")).toEqual([]);
  });

  it("costs 5 over 1,500 words and 10 over 3,000", () => {
    const long = lintSpec(spec({}, `\n${filler(1600)}\n`));
    expect(only(long, "context-overload")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    expect(long.score).toBe(95);
    const veryLong = lintSpec(spec({}, `\n${filler(3100)}\n`));
    expect(only(veryLong, "context-overload").fix).toMatch(/Split the task/);
    expect(veryLong.score).toBe(90);
  });

  it("costs 5 for more than 15 distinct references, pointing at the 16th", () => {
    const refs = Array.from({ length: 16 }, (_, i) => `- src/mod${i}.ts:${i + 1}`).join("\n");
    const md = spec({ references: `## References\n\n${refs}\n` });
    const result = lintSpec(md);
    const finding = only(result, "context-overload");
    expect(md.slice(finding.from, finding.to)).toBe("src/mod15.ts:16");
    expect(result.score).toBe(95);
    const fifteen = spec({ references: `## References\n\n${refs.split("\n").slice(0, 14).join("\n")}\n` });
    expect(ofRule(lintSpec(fifteen), "context-overload")).toEqual([]); // 14 + the test file = 15
  });
});

describe("not-self-contained", () => {
  it("allows references in up to 4 top-level areas", () => {
    const md = spec({ references: "## References\n\n- src/a.ts:1\n- app/page.tsx:2\n- lib/b.ts:3\n- packages/billing/c.ts:4\n- README.md\n" });
    expect(ofRule(lintSpec(md), "not-self-contained")).toEqual([]);
  });

  it("costs 10 over 4 areas, counting packages/* as separate areas, and suggests the Leverage lane", () => {
    const md = spec({
      references: "## References\n\n- src/a.ts:1\n- packages/billing/c.ts:4\n- packages/auth/d.ts:5\n- apps/web/e.tsx:6\n- src/f.ts:7\n",
      tests: "## Tests\n\nRun `npm test`.\n",
    });
    const result = lintSpec(md);
    expect(ofRule(result, "not-self-contained")).toEqual([]);
    const wide = md.replace("- src/f.ts:7", "- services/mail/f.ts:7");
    const wideResult = lintSpec(wide);
    const finding = only(wideResult, "not-self-contained");
    expect(wide.slice(finding.from, finding.to)).toBe("services/mail/f.ts:7");
    expect(finding.message).toContain("src, packages/billing, packages/auth, apps/web, services/mail");
    expect(finding.fix).toMatch(/Leverage lane/);
    expect(wideResult.score).toBe(90);
  });
});

describe("unfilled-placeholder", () => {
  it("finds nothing in a filled spec", () => {
    expect(ofRule(lintSpec(FULL), "unfilled-placeholder")).toEqual([]);
  });

  it("reports each placeholder as an error with exact offsets, −10 each", () => {
    const md = spec({}, "\nRemove {{FLAG_NAME}} from {{path/to/file.ts:line}}.\n");
    const result = lintSpec(md);
    const findings = ofRule(result, "unfilled-placeholder");
    expect(findings.map((f) => md.slice(f.from, f.to))).toEqual(["{{FLAG_NAME}}", "{{path/to/file.ts:line}}"]);
    expect(findings.every((f) => f.severity === "error")).toBe(true);
    expect(result.score).toBe(80);
  });

  it("caps the penalty at −30", () => {
    const result = lintSpec(spec({}, "\n{{A}} {{B}} {{C}} {{D}} {{E}}\n"));
    expect(ofRule(result, "unfilled-placeholder")).toHaveLength(5);
    expect(result.score).toBe(70);
  });

  it("ignores double braces in fenced code, in comments, and as JSX or CI syntax", () => {
    const md = spec({}, '\n```tsx\n<div>{{name}}</div>\n```\n<!-- {{HINT}} -->\n`style={{ color: "red" }}` and ${{ secrets.TOKEN }}\n');
    expect(ofRule(lintSpec(md), "unfilled-placeholder")).toEqual([]);
  });
});

describe("word count and size", () => {
  it("counts words, not markdown punctuation, and ignores comments", () => {
    expect(lintSpec("## Outcome\n\n- [ ] one two | three — four\n<!-- five six -->").wordCount).toBe(5);
  });

  it("lints a ~5,000-word spec and counts its words within 5%", () => {
    const paragraph = (i: number) =>
      `Paragraph ${i} explains how the cursor for page ${i} is encoded in src/lib/pagination.ts:${i + 1} and why it must stay stable across deploys.`;
    const body = Array.from({ length: 233 }, (_, i) => paragraph(i)).join("\n\n"); // 233 × 21 words, plus ~110 in the other sections
    const md = spec({ context: `## Context\n\n${body}\n` });
    const result = lintSpec(md);
    expect(Math.abs(result.wordCount - 5000)).toBeLessThanOrEqual(250);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(ofRule(result, "context-overload").map((f) => f.message)).toEqual([expect.stringMatching(/over 3,000/), expect.stringMatching(/distinct file references/)]);
  });
});
