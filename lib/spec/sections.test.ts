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
