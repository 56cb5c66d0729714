import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it("keeps a path of this site, with its query and fragment", () => {
    expect(safeReturnTo("/w/acme/b/WEB?task=WEB-1#spec")).toBe("/w/acme/b/WEB?task=WEB-1#spec");
    expect(safeReturnTo("/")).toBe("/");
    expect(safeReturnTo("/invite/abc")).toBe("/invite/abc");
  });

  it("sends everything that would leave the site, or is not a path, to /", () => {
    for (const hostile of [
      undefined,
      "",
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      " /w/acme",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(safeReturnTo(hostile), JSON.stringify(hostile)).toBe("/");
    }
  });

  it("never returns a path a browser would read as another host", () => {
    for (const hostile of ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/a/..//evil.example"]) {
      const path = safeReturnTo(hostile);
      expect(path.startsWith("//"), `${hostile} → ${path}`).toBe(false);
      expect(new URL(path, "https://baton.example").origin).toBe("https://baton.example");
    }
  });
});
