import { describe, expect, it } from "vitest";
import { parseSections, sectionIdForHeading, SPEC_SECTIONS } from "./sections";

describe("SPEC_SECTIONS", () => {
  it("lists the eight sections in order", () => {
    expect(SPEC_SECTIONS.map((s) => s.id)).toEqual(["outcome", "context", "references", "requirements", "examples", "success", "boundaries", "tests"]);
  });
});

describe("sectionIdForHeading", () => {
  it("recognises the titles and their synonyms, case-insensitively", () => {
    const cases: [string, string | undefined][] = [
      ["Outcome", "outcome"],
      ["GOAL", "outcome"],
      ["Background", "context"],
      ["Reference", "references"],
      ["References", "references"],
      ["Requirements", "requirements"],
      ["Behaviour", "requirements"],
      ["behavior", "requirements"],
      ["Example", "examples"],
      ["Examples", "examples"],
      ["Success criteria", "success"],
      ["Acceptance Criteria", "success"],
      ["Definition of done", "success"],
      ["Boundaries", "boundaries"],
      ["Out of scope", "boundaries"],
      ["Out-of-scope", "boundaries"],
      ["Non-goals", "boundaries"],
      ["Testing", "tests"],
      ["Tests", "tests"],
      ["Success criteria:", "success"],
      ["**Outcome**", "outcome"],
      ["2. Context", "context"],
      ["Boundaries (out of scope)", "boundaries"],
      ["Notes", undefined],
      ["Outcome of the meeting", undefined],
      // Names that issues use, for headings and labels alike.
      ["Task", "outcome"],
      ["Summary", "outcome"],
      ["Problem", "outcome"],
      ["Objective", "outcome"],
      ["Expected behavior", "outcome"],
      ["Expected", "outcome"],
      ["Steps to reproduce", "context"],
      ["Actual behaviour", "context"],
      ["Location", "references"],
      ["Files", "references"],
      ["Where", "references"],
      ["See", "references"],
      ["Spec", "requirements"],
      ["Pattern", "examples"],
      ["Done when", "success"],
      ["Constraints", "boundaries"],
      ["Don't", "boundaries"],
      ["Don\u2019t", "boundaries"],
      ["Verification", "tests"],
      ["Test plan", "tests"],
      ["Notes:", undefined],
      ["Technical notes", undefined],
    ];
    for (const [heading, id] of cases) expect(sectionIdForHeading(heading), heading).toBe(id);
  });
});

describe("parseSections", () => {
  it("splits on #, ## and ### headings with exact offsets, lines and bodies", () => {
    const md = "Intro line.\n\n# Goal\nShip it.\n## Background\nWhy.\n### Tests\nnpm test\n";
    const spec = parseSections(md);
    expect(spec.preamble).toEqual({ from: 0, to: 13, body: "Intro line.\n\n" });

    const outcome = spec.sections.outcome!;
    expect(outcome).toMatchObject({ id: "outcome", heading: "Goal", level: 1, line: 3, body: "Ship it.\n" });
    expect(md.slice(outcome.from, outcome.headingTo)).toBe("# Goal");
    expect(md.slice(outcome.bodyFrom, outcome.to)).toBe("Ship it.\n");

    const context = spec.sections.context!;
    expect(context).toMatchObject({ heading: "Background", level: 2, line: 5, body: "Why.\n" });
    expect(md.slice(context.from, context.headingTo)).toBe("## Background");

    const tests = spec.sections.tests!;
    expect(tests).toMatchObject({ heading: "Tests", level: 3, line: 7, body: "npm test\n" });
    expect(tests.to).toBe(md.length);
    expect(spec.sections.references).toBeUndefined();
    expect(spec.other).toEqual([]);
  });

  it("ignores headings inside fenced code blocks (``` and ~~~) and reports the blocks", () => {
    const md = [
      "## Outcome",
      "Text.",
      "```md",
      "## Tests",
      "```",
      "~~~~",
      "# Boundaries",
      "```",
      "still code",
      "~~~~",
      "## Examples",
      "e",
    ].join("\n");
    const spec = parseSections(md);
    expect(Object.keys(spec.sections)).toEqual(["outcome", "examples"]);
    expect(spec.sections.outcome!.body).toContain("## Tests");
    expect(spec.codeBlocks).toHaveLength(2);
    const [first, second] = spec.codeBlocks;
    expect(md.slice(first!.from, first!.to)).toBe("```md\n## Tests\n```");
    expect(md.slice(first!.contentFrom, first!.contentTo)).toBe("## Tests\n");
    expect(md.slice(second!.from, second!.to)).toBe("~~~~\n# Boundaries\n```\nstill code\n~~~~");
  });

  it("treats an unclosed fence as running to the end", () => {
    const md = "## Outcome\n```\n## Tests\n";
    const spec = parseSections(md);
    expect(spec.sections.tests).toBeUndefined();
    expect(spec.codeBlocks).toEqual([{ from: 11, to: md.length, contentFrom: 15, contentTo: md.length }]);
  });

  it("ignores headings inside HTML comments and reports the comments", () => {
    const md = "## Outcome\n<!-- guidance\n## Tests\n-->\nReal text <!-- inline --> here.\n";
    const spec = parseSections(md);
    expect(spec.sections.tests).toBeUndefined();
    expect(spec.comments.map((c) => md.slice(c.from, c.to))).toEqual(["<!-- guidance\n## Tests\n-->", "<!-- inline -->"]);
  });

  it("keeps unknown headings in `other`, and nests deeper unknown headings in the known section", () => {
    const md = "# API-7: Paginate projects\nIntro.\n## Requirements\n### Endpoint\nGET /v2/projects\n## Notes\nn\n## Outcome\no\n";
    const spec = parseSections(md);
    expect(spec.other.map((o) => o.heading)).toEqual(["API-7: Paginate projects", "Notes"]);
    expect(spec.other[0]!.body).toBe("Intro.\n");
    expect(spec.other[1]).toMatchObject({ level: 2, line: 6, body: "n\n" });
    expect(spec.sections.requirements!.body).toBe("### Endpoint\nGET /v2/projects\n");
    expect(spec.sections.outcome!.body).toBe("o\n");
  });

  it("keeps the first of two sections with the same id and marks the second as a duplicate", () => {
    const spec = parseSections("## Tests\na\n## Testing\nb\n");
    expect(spec.sections.tests!.body).toBe("a\n");
    expect(spec.other).toMatchObject([{ heading: "Testing", duplicateOf: "tests", body: "b\n" }]);
  });

  it("requires a space after the hashes, ignores #### and strips closing hashes", () => {
    const spec = parseSections("#Outcome\n#### Tests\n## Boundaries ##\nx");
    expect(spec.sections.outcome).toBeUndefined();
    expect(spec.sections.tests).toBeUndefined();
    expect(spec.sections.boundaries).toMatchObject({ heading: "Boundaries", body: "x" });
    expect(spec.preamble.body).toBe("#Outcome\n#### Tests\n");
  });

  it("handles CRLF line breaks with exact offsets", () => {
    const md = "## Outcome\r\nDone.\r\n## Tests\r\nnpm test\r\n";
    const spec = parseSections(md);
    const tests = spec.sections.tests!;
    expect(md.slice(tests.from, tests.headingTo)).toBe("## Tests");
    expect(tests.line).toBe(3);
    expect(spec.sections.outcome!.body).toBe("Done.\r\n");
  });

  it("handles an empty input and a heading on the last line", () => {
    expect(parseSections("")).toEqual({ sections: {}, other: [], preamble: { from: 0, to: 0, body: "" }, codeBlocks: [], comments: [] });
    const spec = parseSections("x\n## Outcome");
    expect(spec.sections.outcome).toMatchObject({ from: 2, headingTo: 12, bodyFrom: 12, to: 12, body: "" });
  });
});

describe("parseSections: labelled blocks", () => {
  it("starts a section at a known label, with the text after the colon in its body and exact offsets", () => {
    const md = "Intro.\nTask: Add CSV export to the invoices page\nReference: See ExportButton.tsx\nBehavior:\n- Export the filtered rows\nTests: Add a header test\n";
    const spec = parseSections(md);
    expect(spec.preamble).toEqual({ from: 0, to: 7, body: "Intro.\n" });
    const outcome = spec.sections.outcome!;
    expect(outcome).toMatchObject({ kind: "label", level: 4, heading: "Task", line: 2, body: " Add CSV export to the invoices page\n" });
    expect(md.slice(outcome.from, outcome.headingTo)).toBe("Task:");
    expect(md.slice(outcome.bodyFrom, outcome.to)).toBe(" Add CSV export to the invoices page\n");
    expect(spec.sections.references).toMatchObject({ heading: "Reference", line: 3, body: " See ExportButton.tsx\n" });
    expect(spec.sections.requirements).toMatchObject({ heading: "Behavior", line: 4, body: "\n- Export the filtered rows\n" });
    const tests = spec.sections.tests!;
    expect(tests).toMatchObject({ heading: "Tests", line: 6, body: " Add a header test\n", to: md.length });
    expect(spec.other).toEqual([]);
  });

  it("accepts bold markers, list markers and numbered items around the label", () => {
    const cases: [string, string, string][] = [
      ["**Tests:** npm test", "Tests", "**Tests:**"],
      ["**Tests**: npm test", "Tests", "**Tests**:"],
      ["__Tests:__ npm test", "Tests", "__Tests:__"],
      ["- **Tests:** npm test", "Tests", "- **Tests:**"],
      ["* Test plan: npm test", "Test plan", "* Test plan:"],
      ["1. Testing: npm test", "Testing", "1. Testing:"],
      ["2) Verification: npm test", "Verification", "2) Verification:"],
      ["   Tests (unit): npm test", "Tests (unit)", "   Tests (unit):"],
      ["Tests:", "Tests", "Tests:"],
    ];
    for (const [line, heading, marked] of cases) {
      const md = `Intro\n${line}\nmore`;
      const tests = parseSections(md).sections.tests;
      expect(tests, line).toMatchObject({ heading, kind: "label", line: 2 });
      expect(md.slice(tests!.from, tests!.headingTo), line).toBe(marked);
      expect(tests!.body.endsWith("\nmore"), line).toBe(true);
    }
  });

  it("does not take other lines for labels", () => {
    const lines = [
      "Tests:npm test", // no space after the colon
      "**Tests: npm test", // unbalanced bold
      "**Tests**:** npm test", // bold closed twice
      "Notes: tests pass", // not a section name
      "Note: Tests: npm test", // the label must start the line
      "    Tests: npm test", // indented code
      "  - Tests: npm test", // a nested list item
      "> Tests: npm test", // a quote
      "| Tests: | npm test |",
      "See https://example.com/tests:", // not followed by a space after "See"
      "Time: 10:30",
    ];
    for (const line of lines) expect(parseSections(`${line}\n`).sections, line).toEqual({});
  });

  it("ignores labels inside fenced code and HTML comments", () => {
    const md = ["Task: Real outcome here.", "```", "Tests: npm test", "```", "<!--", "Tests: npm test", "-->", "<!-- Tests: x --> Boundaries: y"].join("\n");
    const spec = parseSections(md);
    expect(Object.keys(spec.sections)).toEqual(["outcome"]);
    expect(spec.sections.outcome!.body).toContain("Tests: npm test");
  });

  it("ends a labelled block at the next label or any heading", () => {
    const md = "Goal: Ship it.\n# Export filtered invoices\nLocation: InvoicesPage.tsx:88\n### Notes\nn\n";
    const spec = parseSections(md);
    expect(spec.sections.outcome!.body).toBe(" Ship it.\n");
    expect(spec.sections.references!.body).toBe(" InvoicesPage.tsx:88\n");
    expect(spec.other.map((o) => [o.heading, o.body])).toEqual([
      ["Export filtered invoices", ""],
      ["Notes", "n\n"],
    ]);
  });

  it("keeps a list-item label inside a section opened by a heading, and a label naming the section it is in", () => {
    const md = [
      "## Context",
      "- Steps to reproduce: open the page",
      "- Expected: the list loads",
      "- Tests: none failed",
      "## Tests",
      "Testing: run npm test",
      "Success criteria:",
      "- [ ] a",
      "- Behavior: b",
    ].join("\n");
    const spec = parseSections(md);
    expect(spec.sections.context!.body).toBe("- Steps to reproduce: open the page\n- Expected: the list loads\n- Tests: none failed\n");
    expect(spec.sections.outcome).toBeUndefined();
    expect(spec.sections.tests).toMatchObject({ kind: "heading", body: "Testing: run npm test\n" });
    expect(spec.sections.success!.body).toBe("\n- [ ] a\n"); // a list-item label after a labelled block starts its own
    expect(spec.sections.requirements).toMatchObject({ heading: "Behavior", body: " b" });
  });

  it("splits a heading's section at a label that is not a list item", () => {
    const md = "## Summary\nAdd CSV export.\nLocation: InvoicesPage.tsx:88\nAcceptance criteria:\n- a\n- b\n";
    const spec = parseSections(md);
    expect(spec.sections.outcome).toMatchObject({ kind: "heading", body: "Add CSV export.\n" });
    expect(spec.sections.references!.body).toBe(" InvoicesPage.tsx:88\n");
    expect(spec.sections.success!.body).toBe("\n- a\n- b\n");
  });

  it("prefers a full name to a loose one, and a heading to a label, keeping the others as duplicates", () => {
    const md = ["Summary: short.", "Tests: see below", "Problem: also short.", "## Outcome", "The real outcome.", "## Tests", "npm test"].join("\n");
    const spec = parseSections(md);
    expect(spec.sections.outcome).toMatchObject({ heading: "Outcome", kind: "heading", body: "The real outcome.\n" });
    expect(spec.sections.tests).toMatchObject({ heading: "Tests", kind: "heading", body: "npm test" });
    expect(spec.other.map((o) => [o.heading, o.duplicateOf])).toEqual([
      ["Summary", "outcome"],
      ["Tests", "tests"],
      ["Problem", "outcome"],
    ]);
    expect(Object.keys(spec.sections)).toEqual(["outcome", "tests"]);
    // Among loose names, the first wins.
    expect(parseSections("Location: a.ts:1\nFiles: b.ts\n").sections.references).toMatchObject({ heading: "Location" });
  });

  it("handles CRLF line breaks in labelled blocks with exact offsets", () => {
    const md = "Task: Ship it.\r\n**Tests:** npm test\r\n";
    const spec = parseSections(md);
    expect(spec.sections.outcome!.body).toBe(" Ship it.\r\n");
    const tests = spec.sections.tests!;
    expect(md.slice(tests.from, tests.headingTo)).toBe("**Tests:**");
    expect(tests).toMatchObject({ line: 2, body: " npm test\r\n" });
  });
});
