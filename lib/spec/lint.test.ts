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
    const positive = ["outcome-stated", "code-reference", "example-or-pattern", "success-criteria", "tests-named", "boundaries-stated"] as const;
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
    expect(lintSpec(spec({ outcome: "" })).score).toBe(75);
    expect(lintSpec(spec({ references: "", tests: "## Tests\n\nRun `npm test`.\n" })).score).toBe(75);
    expect(lintSpec(spec({ examples: "" })).score).toBe(90);
    expect(lintSpec(spec({ success: "", tests: "" })).score).toBe(65);
    expect(lintSpec(spec({ success: "" })).score).toBe(90); // the named test is half a check
    expect(lintSpec(spec({ tests: "" })).score).toBe(85);
    expect(lintSpec(spec({ boundaries: "" })).score).toBe(95);
    expect(lintSpec(spec({ outcome: "", success: "", boundaries: "" })).score).toBe(60);
  });

  it("reaches the default threshold (70) with the outcome, the place and one kind of check alone", () => {
    const core = { examples: "", boundaries: "", context: "", requirements: "" };
    expect(lintSpec(spec({ ...core, tests: "" })).score).toBe(70); // outcome + place + criteria
    expect(lintSpec(spec({ ...core, success: "" })).score).toBe(75); // outcome + place + a named test
    expect(lintSpec(spec({ ...core, success: "", tests: "" })).score).toBe(50);
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
    expect(lintSpec(md).score).toBe(75);
  });

  it("does not count placeholders or comments as words", () => {
    const md = spec({ outcome: "## Outcome\n\n<!-- One or two sentences about what is true when done. -->\n{{Describe the outcome in one or two full sentences please}}\n" });
    expect(only(lintSpec(md), "outcome-stated").severity).toBe("error");
  });

  it("gives half points, with a warning, for a goal stated only in the opening paragraph", () => {
    const md = spec({ outcome: "# API-7: Paginate projects\n\nWe want GET /v2/projects to return pages of 50 projects with a cursor.\n" });
    const result = lintSpec(md);
    expect(only(result, "outcome-stated")).toMatchObject({ severity: "warning", from: 0, to: 0 });
    expect(result.score).toBe(88); // 100 − 12.5, rounded
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
    expect(result.score).toBe(88); // 100 − 12.5, rounded
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

describe("tests named outside a Tests section", () => {
  it("counts a test file or command named anywhere outside code", () => {
    const md = spec({ tests: "" }, "\nAdd the case to src/api/v2/projects.test.ts and run it.\n");
    expect(ofRule(lintSpec(md), "tests-named")).toEqual([]);
    const inCode = spec({ tests: "" }, "\n```\nFAIL src/api/v2/projects.test.ts\n```\n");
    expect(only(lintSpec(inCode), "tests-named").message).toMatch(/No tests named/);
  });
});

describe("example-or-pattern", () => {
  it("passes with an Examples section, a fenced code block, or a pattern to follow", () => {
    expect(ofRule(lintSpec(FULL), "example-or-pattern")).toEqual([]);
    const code = spec({ examples: "" }, "\n```json\n{ \"items\": [] }\n```\n");
    expect(ofRule(lintSpec(code), "example-or-pattern")).toEqual([]);
    const phrases = [
      "Follow the pattern in users.ts.",
      "Same as the users endpoint.",
      "Like the one in users.ts.",
      "Mirror the users endpoint.",
      "See ExportButton.tsx for the existing export pattern.",
      "Do it the same way we did for ownerEmail.",
      "Use PlanPrice.tsx as the model.",
    ];
    for (const phrase of phrases) {
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

  it("counts bullets and numbered items like checkboxes", () => {
    for (const items of ["- Paging works.\n- Invalid cursors return 400.", "1. Paging works.\n2) Invalid cursors return 400.", "* Paging works.\n   - [x] Invalid cursors return 400."]) {
      const result = lintSpec(spec({ success: `## Definition of done\n\n${items}\n` }));
      expect(ofRule(result, "success-criteria"), items).toEqual([]);
      expect(result.score, items).toBe(100);
    }
    const one = lintSpec(spec({ success: "## Success criteria\n\n1. Paging works.\n" }));
    expect(only(one, "success-criteria").message).toMatch(/Only one/);
  });

  it("reports a missing section (error at start) and a section with no items (error at heading)", () => {
    const noTests = { tests: "" };
    expect(only(lintSpec(spec({ ...noTests, success: "" })), "success-criteria")).toMatchObject({ severity: "error", from: 0, to: 0 });
    const md = spec({ ...noTests, success: "## Success criteria\n\nIt works.\n- [ ] {{criterion}}\n" });
    const finding = only(lintSpec(md), "success-criteria");
    expect(finding.severity).toBe("error");
    expect(md.slice(finding.from, finding.to)).toBe("## Success criteria");
  });

  it("gives half points, with a warning, when a named test is the only check", () => {
    const result = lintSpec(spec({ success: "" }));
    expect(only(result, "success-criteria")).toMatchObject({ severity: "warning", from: 0, to: 0, message: expect.stringMatching(/named test is the only check/) });
    const md = spec({ success: "## Success criteria\n\nIt works.\n" });
    const finding = only(lintSpec(md), "success-criteria");
    expect(md.slice(finding.from, finding.to)).toBe("## Success criteria");
    expect(lintSpec(md).score).toBe(90);
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

  it("reports each phrase with its exact offsets and a fix, −5 each (TBD and TODO −10)", () => {
    const phrases = ["figure out the best way", "Somehow", "make it better", "handle properly", "as needed", "etc.", "and so on", "whatever works", "TBD", "TODO"];
    for (const phrase of phrases) {
      const md = spec({}, `\nNote: ${phrase} for the edge cases.\n`);
      const result = lintSpec(md);
      const finding = only(result, "vague-language");
      expect(md.slice(finding.from, finding.to), phrase).toBe(phrase);
      expect(finding.severity).toBe("warning");
      expect(finding.fix.length).toBeGreaterThan(20);
      expect(result.score, phrase).toBe(phrase === "TBD" || phrase === "TODO" ? 90 : 95);
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
    const wider = lintSpec(`${wide}\n- services/search/g.ts:8\n`);
    expect(only(wider, "not-self-contained").message).toContain("6 areas");
    expect(wider.score).toBe(85); // 5 more for the sixth area
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

  it("stays linear on pathological labels, lists and references (~100 KB each)", () => {
    const inputs = [
      `- **${"a ".repeat(50_000)}:`, // a bold label that never closes
      `Tests ${"a".repeat(100_000)}`, // a label-like start with no colon
      "Task:\n".repeat(20_000), // a label on every line
      "- Behavior: x\n".repeat(8_000), // list-item labels, each continuing the last
      `**Task:** ${"a.b".repeat(30_000)}.ts:1`, // one huge dotted "file name"
      `x.ts${" line".repeat(20_000)} 1`, // a reference followed by endless "line"
      `${"1. ".repeat(30_000)}\n`.repeat(2), // list markers with nothing after them
    ];
    for (const md of inputs) {
      const started = performance.now();
      lintSpec(md);
      expect(performance.now() - started, md.slice(0, 24)).toBeLessThan(1_500);
    }
  });
});

describe("specs as people write them", () => {
  // The example from the GitHub issue, and the same spec written with `##` headings (once with the
  // issue's own names, once with Baton's section titles).
  const ISSUE = [
    "Task: Add CSV export to the invoices page",
    "Reference: See ExportButton.tsx for the existing export pattern",
    "Location: InvoicesPage.tsx:88",
    "Behavior:",
    "- Export the rows currently filtered",
    "Tests: Add a test for the exported header row",
  ].join("\n");
  const ISSUE_AS_HEADINGS = [
    "## Task\n\nAdd CSV export to the invoices page\n",
    "## Reference\n\nSee ExportButton.tsx for the existing export pattern\n",
    "## Location\n\nInvoicesPage.tsx:88\n",
    "## Behavior\n\n- Export the rows currently filtered\n",
    "## Tests\n\nAdd a test for the exported header row\n",
  ].join("\n");
  const ISSUE_AS_TEMPLATE = [
    "## Outcome\n\nAdd CSV export to the invoices page\n",
    "## References\n\nSee ExportButton.tsx for the existing export pattern\n\nInvoicesPage.tsx:88\n",
    "## Requirements\n\n- Export the rows currently filtered\n",
    "## Tests\n\nAdd a test for the exported header row\n",
  ].join("\n");
  const rulesOf = (result: LintResult) => result.findings.map((f) => `${f.ruleId} · ${f.severity} · ${f.message}`).sort();

  it("scores the issue's example exactly like the same spec in ## sections", () => {
    const issue = lintSpec(ISSUE);
    for (const md of [ISSUE_AS_HEADINGS, ISSUE_AS_TEMPLATE]) {
      const headed = lintSpec(md);
      expect(issue.score).toBe(headed.score);
      expect(rulesOf(issue)).toEqual(rulesOf(headed));
      expect(issue.references).toEqual(headed.references);
    }
    // It has its reference, its pattern and a Tests section now; what it lacks is a long enough
    // outcome (7 words), success criteria and boundaries — and its Tests section names no test.
    expect(issue.references).toEqual(["ExportButton.tsx", "InvoicesPage.tsx:88"]);
    expect(ofRule(issue, "code-reference")).toEqual([]);
    expect(ofRule(issue, "example-or-pattern")).toEqual([]);
    expect(new Set(issue.findings.map((f) => f.ruleId))).toEqual(new Set(["outcome-stated", "success-criteria", "tests-named", "boundaries-stated"]));
    expect(issue.score).toBe(43); // code 25 + pattern 10 + half of tests 7.5
  });

  it("scores bold labels and numbered lists like the same spec in ## sections", () => {
    const labelled = [
      "**Goal:** Workspace admins can turn off the email that is sent for every new comment.",
      "**Location:** SettingsPage.tsx:67",
      "**Pattern:** mirror the Weekly digest toggle right above it.",
      "**Acceptance criteria:**",
      "1. Turning it off and reloading the page shows it still off.",
      "2) With it off, posting a comment sends no email.",
      "- **Out of scope**: the digest email.",
      "__Testing:__ SettingsPage.test.tsx",
    ].join("\n");
    const headed = [
      "## Goal\n\nWorkspace admins can turn off the email that is sent for every new comment.\n",
      "## Location\n\nSettingsPage.tsx:67\n",
      "## Pattern\n\nmirror the Weekly digest toggle right above it.\n",
      "## Acceptance criteria\n\n1. Turning it off and reloading the page shows it still off.\n2) With it off, posting a comment sends no email.\n",
      "## Out of scope\n\nthe digest email.\n",
      "## Testing\n\nSettingsPage.test.tsx\n",
    ].join("\n");
    const a = lintSpec(labelled);
    const b = lintSpec(headed);
    expect(a.score).toBe(100);
    expect(b.score).toBe(100);
    expect(a.findings).toEqual([]);
    expect(b.findings).toEqual([]);
  });

  it("lets a one-line `Task:` be the outcome when it has at least 8 words", () => {
    const long = lintSpec("Task: Show an empty state on the projects list when there are no projects.");
    expect(ofRule(long, "outcome-stated")).toEqual([]);
    const md = "Context: the table is blank.\nTask: Show an empty state there.\nWhere: ProjectsTable.tsx:54";
    const finding = only(lintSpec(md), "outcome-stated");
    expect(finding).toMatchObject({ severity: "error", line: 2, message: expect.stringMatching(/too thin/) });
    expect(md.slice(finding.from, finding.to)).toBe("Task:");
  });

  it("points findings at the label, bold and list markers included", () => {
    const md = [
      "Intro line.",
      "- **Outcome:** Users can export every invoice that matches the filters as a CSV file.",
      "- **Success criteria:**",
      "  - [ ] The header row lists the six columns.",
      "**Tests:** check the header row by hand.",
      "Boundaries:",
      "<!-- nothing yet -->",
    ].join("\n");
    const result = lintSpec(md);
    const at = (ruleId: RuleId) => md.slice(only(result, ruleId).from, only(result, ruleId).to);
    expect(at("success-criteria")).toBe("- **Success criteria:**");
    expect(at("tests-named")).toBe("**Tests:**");
    expect(at("boundaries-stated")).toBe("Boundaries:");
    expect(only(result, "tests-named").line).toBe(5);
    expect(only(result, "boundaries-stated")).toMatchObject({ line: 6, message: expect.stringMatching(/empty/) });
    expect(ofRule(result, "outcome-stated")).toEqual([]);
  });

  it("ignores labels inside fenced code and HTML comments", () => {
    const md = [
      "Task: Users can export every invoice that matches the filters as a CSV file.",
      "```yaml",
      "Tests: npm test",
      "Success criteria:",
      "- one",
      "- two",
      "```",
      "<!--",
      "Out of scope: everything",
      "-->",
    ].join("\n");
    const result = lintSpec(md);
    expect(only(result, "tests-named").message).toMatch(/No tests named/);
    expect(only(result, "success-criteria").severity).toBe("error");
    expect(only(result, "boundaries-stated").message).toMatch(/No boundaries/);
  });

  it("accepts bare file names with a line as precise references", () => {
    const md =
      "Location: InvoicesPage.tsx:88. Also SettingsPage.tsx:67, ExportButton.tsx, src/a/b.ts:10-20, users.ts#L40-L95, App.tsx (line 12) and Row.tsx, line 3.";
    const result = lintSpec(md);
    expect(result.references).toEqual([
      "InvoicesPage.tsx:88",
      "SettingsPage.tsx:67",
      "ExportButton.tsx",
      "src/a/b.ts:10-20",
      "users.ts#L40-L95",
      "App.tsx (line 12)",
      "Row.tsx, line 3",
    ]);
    expect(ofRule(result, "code-reference")).toEqual([]);
    expect(ofRule(lintSpec("Where: InvoicesPage.tsx:88"), "code-reference")).toEqual([]);
    const loose = only(lintSpec("Reference: See ExportButton.tsx."), "code-reference");
    expect(loose).toMatchObject({ severity: "warning", message: "“ExportButton.tsx” has no line number." });
  });

  it("does not take abbreviations, versions, URLs, hosts or product names for file references", () => {
    const md = [
      "Location: e.g. the invoices page, i.e. the table. Upgrade from v1.2 to version 1.2.3 (see v2.0.1: notes).",
      "Docs: https://example.com/docs/a.ts:3 and www.example.com:8080/page.html, api.example.com:443, localhost:3000.",
      "Runs on Node.js:18 and Next.js. Set user.name:5 in the config. This sentence ends in a period. So does this.one.",
    ].join("\n");
    expect(lintSpec(md).references).toEqual([]);
  });
});
