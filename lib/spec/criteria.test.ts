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

  it("is empty without the section, and accepts its synonyms", () => {
    expect(successCriteria("## Outcome\nx")).toEqual([]);
    expect(successCriteria("## Acceptance criteria\n- [ ] It works")).toEqual(["It works"]);
  });
});
