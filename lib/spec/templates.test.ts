import { describe, expect, it } from "vitest";
import { lintSpec } from "./lint";
import { parseSections, SPEC_SECTIONS } from "./sections";
import { BUILT_IN_TEMPLATES, FILLED_EXAMPLES, type BuiltInTemplateId } from "./templates";

describe("BUILT_IN_TEMPLATES", () => {
  it("has the four built-in templates with names and descriptions", () => {
    expect(BUILT_IN_TEMPLATES.map((t) => [t.id, t.name])).toEqual([
      ["feature-flag-removal", "Feature flag removal"],
      ["unit-tests", "Unit tests for a module"],
      ["diagnosed-bug-fix", "Diagnosed bug fix"],
      ["reference-based-change", "Reference-based change"],
    ]);
    for (const template of BUILT_IN_TEMPLATES) expect(template.description.length, template.id).toBeGreaterThan(10);
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))("%s has all eight sections as ## headings, in order", (_id, template) => {
    const spec = parseSections(template.markdown);
    const sections = SPEC_SECTIONS.map(({ id }) => spec.sections[id]);
    for (const [i, section] of sections.entries()) {
      expect(section, SPEC_SECTIONS[i]!.id).toBeDefined();
      expect(section!.level).toBe(2);
      expect(section!.heading).toBe(SPEC_SECTIONS[i]!.title);
    }
    const starts = sections.map((s) => s!.from);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(spec.other).toEqual([]);
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))("%s scores below 70 unfilled, and its placeholders are flagged", (_id, template) => {
    const result = lintSpec(template.markdown);
    expect(result.score).toBeLessThan(70);
    const placeholders = result.findings.filter((f) => f.ruleId === "unfilled-placeholder");
    expect(placeholders.length).toBeGreaterThanOrEqual(3);
    for (const f of placeholders) expect(template.markdown.slice(f.from, f.to)).toMatch(/^\{\{[^{}]+\}\}$/);
  });
});

describe("FILLED_EXAMPLES", () => {
  it("has one filled example per template", () => {
    expect(Object.keys(FILLED_EXAMPLES).sort()).toEqual(BUILT_IN_TEMPLATES.map((t) => t.id).sort());
  });

  it.each(Object.entries(FILLED_EXAMPLES))("%s scores at least 85, with no placeholder left and the same sections", (id, markdown) => {
    const result = lintSpec(markdown);
    expect(result.score).toBeGreaterThanOrEqual(85);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const template = BUILT_IN_TEMPLATES.find((t) => t.id === id)!;
    const headings = (md: string) => Object.values(parseSections(md).sections).map((s) => s.heading);
    expect(headings(markdown)).toEqual(headings(template.markdown));
  });

  it("uses the realistic examples from the design", () => {
    const examples: Record<BuiltInTemplateId, string[]> = {
      "feature-flag-removal": ["ENABLE_TOPICS_V2", "src/config/flags.ts:12"],
      "unit-tests": ["src/lib/pagination.ts:1-140"],
      "diagnosed-bug-fix": ["src/billing/invoice-range.ts:88"],
      "reference-based-change": ["GET /v2/projects", "src/api/v2/users.ts:40-95"],
    };
    for (const [id, needles] of Object.entries(examples) as [BuiltInTemplateId, string[]][]) {
      for (const needle of needles) expect(FILLED_EXAMPLES[id], id).toContain(needle);
    }
    expect(lintSpec(FILLED_EXAMPLES["unit-tests"]).references).toContain("src/lib/pagination.ts:1-140");
  });
});
