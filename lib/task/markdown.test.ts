import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";

const render = (input: string) => renderToStaticMarkup(createElement(Markdown, null, input));

function expectNoActiveContent(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/\son\w+=/i);
  expect(html).not.toMatch(/href="\s*javascript:/i);
  expect(html).not.toMatch(/src="\s*javascript:/i);
}

describe("Markdown (task descriptions)", () => {
  it("drops raw <script> tags (raw HTML is not parsed)", () => {
    const html = render("Hi <script>alert(1)</script>");
    expectNoActiveContent(html);
    expect(html).toBe('<div class="prose-baton"><p>Hi alert(1)</p></div>');
  });

  it("drops javascript: links but keeps their text", () => {
    for (const input of ["[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](  javascript:alert(1))", "<javascript:alert(1)>"]) {
      const html = render(input);
      expectNoActiveContent(html);
      expect(html, input).not.toMatch(/javascript:alert\(1\)"/i);
    }
    expect(render("[click](javascript:alert(1))")).toBe('<div class="prose-baton"><p><a>click</a></p></div>');
    expect(render("[x](data:text/html,hi)")).toBe('<div class="prose-baton"><p><a>x</a></p></div>');
  });

  it("does not render HTML event handlers", () => {
    for (const input of ["<img src=x onerror=alert(1)>", '<a href="https://e.com" onclick="alert(1)">x</a>', "<svg onload=alert(1)>"]) {
      expectNoActiveContent(render(input));
    }
    expect(render("<img src=x onerror=alert(1)>")).toBe('<div class="prose-baton"></div>');
    // A markdown image with a javascript: source loses the source.
    const image = render("![a](javascript:alert(1))");
    expect(image).not.toContain("javascript:");
  });

  it("renders ordinary markdown: bold, a GFM table, an https link", () => {
    const html = render(["**bold** and _it_", "", "| a | b |", "| - | - |", "| 1 | 2 |", "", "[site](https://example.com)"].join("\n"));
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toMatch(/<table>[\s\S]*<th>a<\/th>[\s\S]*<td>2<\/td>[\s\S]*<\/table>/);
    expect(html).toContain('<a href="https://example.com">site</a>');
    expect(html.startsWith('<div class="prose-baton">')).toBe(true);
  });
});
