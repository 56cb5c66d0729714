import { describe, expect, it } from "vitest";
import { successCriteria } from "./criteria";

describe("successCriteria", () => {
  it("lists checklist, bullet and numbered items of the Success criteria section only", () => {
    const spec = [
      "## Outcome",
      "- not a criterion",
      "## Success criteria",
      "- [ ] Searching for the flag finds nothing.",
      "- [x] Tests pass",
      "* A bullet",
      "1. A numbered one",
      "   that wraps.",
      "",
      "Some prose.",
      "## Tests",
      "- npm test",
    ].join("\n");
    expect(successCriteria(spec)).toEqual(["Searching for the flag finds nothing.", "Tests pass", "A bullet", "A numbered one that wraps."]);
  });

  it("reads a labelled block the same way", () => {
    const spec = "Task: Export invoices.\n**Acceptance criteria:**\n1. The header row is right.\n2. Only filtered rows.\nTests: npm test";
    expect(successCriteria(spec)).toEqual(["The header row is right.", "Only filtered rows."]);
  });

  it("is empty without the section, and accepts its synonyms", () => {
    expect(successCriteria("## Outcome\nx")).toEqual([]);
    expect(successCriteria("## Acceptance criteria\n- [ ] It works")).toEqual(["It works"]);
  });
});
