import { describe, expect, it } from "vitest";
import { toAgentPrompt } from "./prompt";
import { FILLED_EXAMPLES } from "./templates";

const markdown = [
  "## Outcome",
  "",
  "Projects load page by page.",
  "<!-- guidance for the author -->",
  "",
  "## Boundaries",
  "",
  "- Do not change the v1 endpoint.",
  "- Do not add dependencies.",
  "",
  "## Tests",
  "",
  "Run `npm test`.",
  "",
].join("\n");

describe("toAgentPrompt", () => {
  it("starts with the key and title, then a one-line instruction, then the spec", () => {
    const prompt = toAgentPrompt({ key: "API-42", title: "Paginate projects", markdown });
    const lines = prompt.split("\n");
    expect(lines[0]).toBe("# API-42: Paginate projects");
    expect(lines[2]).toMatch(/^You are implementing task API-42\b/);
    expect(prompt).toContain("## Outcome\n\nProjects load page by page.");
    expect(prompt.indexOf("## Outcome")).toBeGreaterThan(prompt.indexOf("You are implementing"));
  });

  it("repeats the Boundaries section in a closing block, then asks for a report", () => {
    const prompt = toAgentPrompt({ key: "API-42", title: "Paginate projects", markdown });
    const block = prompt.slice(prompt.indexOf("Boundaries — do not:"));
    expect(prompt.indexOf("Boundaries — do not:")).toBeGreaterThan(prompt.indexOf("## Tests"));
    expect(block).toContain("- Do not change the v1 endpoint.\n- Do not add dependencies.");
    expect(block).not.toContain("## Tests");
    expect(prompt.trimEnd().endsWith("When done, report: summary, branch/PR, test results.")).toBe(true);
  });

  it("adds extra boundaries after the spec's own", () => {
    const prompt = toAgentPrompt({ key: "API-42", title: "Paginate projects", markdown, boundaries: "Never push to main." });
    const block = prompt.slice(prompt.indexOf("Boundaries — do not:"));
    expect(block.indexOf("Never push to main.")).toBeGreaterThan(block.indexOf("Do not add dependencies."));
  });

  it("leaves out the boundaries block when there are none, but still asks for a report", () => {
    const prompt = toAgentPrompt({ key: "WEB-1", title: "Fix typo", markdown: "## Outcome\n\nThe typo is fixed.\n" });
    expect(prompt).not.toContain("Boundaries — do not:");
    expect(prompt).toContain("When done, report: summary, branch/PR, test results.");
    const extraOnly = toAgentPrompt({ key: "WEB-1", title: "Fix typo", markdown: "x", boundaries: "Only touch docs/." });
    expect(extraOnly).toContain("**Boundaries — do not:**\n\nOnly touch docs/.");
  });

  it("repeats a labelled Out of scope block too", () => {
    const prompt = toAgentPrompt({ key: "WEB-2", title: "Export", markdown: "Task: Export invoices.\nOut of scope: PDF export.\nTests: npm test\n" });
    expect(prompt).toContain("**Boundaries — do not:**\n\nPDF export.\n\nWhen done");
  });

  it("strips HTML comments and collapses blank lines", () => {
    const prompt = toAgentPrompt({ key: "API-42", title: "Paginate projects", markdown });
    expect(prompt).not.toContain("<!--");
    expect(prompt).not.toContain("guidance for the author");
    expect(prompt).not.toMatch(/\n{3,}/);
  });

  it("keeps code blocks verbatim and puts the title on one line", () => {
    const prompt = toAgentPrompt({ key: "API-42", title: "  Paginate\n projects ", markdown: FILLED_EXAMPLES["reference-based-change"] });
    expect(prompt.startsWith("# API-42: Paginate projects\n")).toBe(true);
    expect(prompt).toContain('```http\nGET /v2/projects?limit=2\n\n200 OK\n');
  });

  it("is deterministic", () => {
    const input = { key: "API-42", title: "Paginate projects", markdown, boundaries: "No force pushes." };
    expect(toAgentPrompt(input)).toBe(toAgentPrompt({ ...input }));
  });
});
