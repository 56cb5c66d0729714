// Hostile strings for the XSS sweep (e2e/ui/xss.spec.ts). Every payload that could run script calls
// `window.__xss(<its number>)` (or `parent.__xss`, from a frame), which the test defines before the
// page loads, so that a payload that runs anywhere is caught even where the page's
// Content-Security-Policy would have blocked it elsewhere. Numbers, not strings, so that no quoting
// gets in the way of an attribute or a URL.
//
// Each payload starts with its id and a space ("x07 …"): that marker stays visible as text however
// the payload is rendered (escaped as plain text, or as markdown, which drops raw HTML), so the
// test can also prove that each one was shown, not silently dropped.

export interface XssPayload {
  id: string;
  /** The number it calls `window.__xss` with. */
  n: number;
  text: string;
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const run = (n: number) => `window.__xss(${n})`;
const entities = (text: string) => [...text].map((c) => `&#${c.charCodeAt(0)};`).join("");
const paddedEntities = (text: string) => [...text].map((c) => `&#x${c.charCodeAt(0).toString(16).padStart(7, "0")};`).join("");

// [n, the payload after its marker]
const RAW: [number, (n: number) => string][] = [
  // Script tags in every casing and encoding
  [1, (n) => `<script>${run(n)}</script>`],
  [2, (n) => `<SCRIPT>${run(n)}</SCRIPT>`],
  [3, (n) => `<ScRiPt >${run(n)}</sCrIpT >`],
  [4, (n) => `<script src="data:text/javascript,${run(n)}"></script>`],
  [5, (n) => `%3Cscript%3E${run(n)}%3C%2Fscript%3E`],
  [6, (n) => `&lt;script&gt;${run(n)}&lt;/script&gt;`],
  [7, (n) => `\\u003cscript\\u003e${run(n)}\\u003c/script\\u003e`],
  [8, (n) => `<scr<script>ipt>${run(n)}</scr</script>ipt>`],
  [9, (n) => `＜script＞${run(n)}＜/script＞`],
  [10, (n) => `<svg><script>${run(n)}</script></svg>`],
  // Event handlers
  [11, (n) => `<img src=x onerror=${run(n)}>`],
  [12, (n) => `<IMG SRC="x" OnErRoR="${run(n)}">`],
  [13, (n) => `<img/src/onerror=${run(n)}>`],
  [14, (n) => `<svg onload=${run(n)}>`],
  [15, (n) => `"><svg/onload=${run(n)}>`],
  [16, (n) => `'><img src=x onerror=${run(n)}>`],
  [17, (n) => `<details open ontoggle=${run(n)}>`],
  [18, (n) => `<input autofocus onfocus=${run(n)}>`],
  [19, (n) => `<video><source onerror="${run(n)}"></video>`],
  [20, (n) => `<body onload=${run(n)}>`],
  [21, (n) => `<svg><animate onbegin=${run(n)} attributeName=x dur=1s>`],
  [22, (n) => `<div onmouseover="${run(n)}" style="position:fixed;inset:0">hover</div>`],
  [23, (n) => `<marquee onstart=${run(n)}>m</marquee>`],
  // Frames, objects and other elements that load or navigate
  [24, (n) => `<iframe srcdoc="<script>parent.__xss(${n})</script>"></iframe>`],
  [25, (n) => `<iframe src="javascript:parent.__xss(${n})"></iframe>`],
  [26, (n) => `<object data="javascript:${run(n)}"></object>`],
  [27, (n) => `<embed src="javascript:${run(n)}">`],
  [28, (n) => `<base href="javascript:${run(n)}//">`],
  [29, (n) => `<meta http-equiv="refresh" content="0;url=javascript:${run(n)}">`],
  [30, (n) => `<form action="javascript:${run(n)}"><button>go</button></form>`],
  [31, (n) => `<button formaction="javascript:${run(n)}">go</button>`],
  [32, (n) => `<svg><a xlink:href="javascript:${run(n)}"><text x="9" y="9">svg link</text></a></svg>`],
  // javascript:, data: and vbscript: links, disguised
  [33, (n) => `<a href="javascript:${run(n)}">plain</a>`],
  [34, (n) => `<a href="jav&#x09;ascript:${run(n)}">tab entity</a>`],
  [35, (n) => `<a href="JaVaScRiPt:${run(n)}">mixed case</a>`],
  [36, (n) => `<a href=" &#14;  javascript:${run(n)}">leading control</a>`],
  [37, (n) => `<a href="jav\nascript:${run(n)}">newline</a>`],
  [38, (n) => `<a href="${entities(`javascript:${run(n)}`)}">decimal entities</a>`],
  [39, (n) => `<a href="${paddedEntities("javascript:")}${run(n)}">padded hex entities</a>`],
  [40, (n) => `<a href="javascript&colon;${run(n)}">named colon</a>`],
  [41, (n) => `<a href="data:text/html;base64,${b64(`<script>parent.__xss(${n})</script>`)}">data</a>`],
  [42, (n) => `<a href="vbscript:msgbox(${n})">vbscript</a>`],
  [43, (n) => `<a href="\u0001javascript:${run(n)}">control char</a>`],
  [44, (n) => `javascript:${run(n)}`],
  [45, (n) => `data:text/html,<script>parent.__xss(${n})</script>`],
  // Markdown links, images, reference links and autolinks
  [46, (n) => `[markdown link](javascript:${run(n)})`],
  [47, (n) => `[markdown data](data:text/html;base64,${b64(`<script>parent.__xss(${n})</script>`)})`],
  [48, (n) => `![markdown image](javascript:${run(n)})`],
  [49, (n) => `![markdown svg](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__xss(${n})"/>`)})`],
  [50, (n) => `[reference link][r${n}]\n\n[r${n}]: javascript:${run(n)}`],
  [51, (n) => `<javascript:${run(n)}>`],
  [52, (n) => `[tab](jav\tascript:${run(n)})`],
  [53, (n) => `[entity](jav&#x09;ascript:${run(n)})`],
  [54, (n) => `[VbScript](VbScRiPt:msgbox(${n}))`],
  [55, (n) => `[angle](<javascript:${run(n)}>)`],
  [56, (n) => `[spaced]( JAVASCRIPT:${run(n)} "title")`],
  [57, (n) => `<https://example.com/" onmouseover="${run(n)}>`],
  [58, (n) => `www.example.com/"><script>${run(n)}</script>`],
  [59, (n) => `<details>\n<summary>raw html block</summary>\n\n<img src=x onerror=${run(n)}>\n\n</details>`],
  // Breaking out of where the text lands: Next's inline flight data, text areas, titles, styles
  [60, (n) => `</script><script>${run(n)}</script>`],
  [61, (n) => `</textarea><script>${run(n)}</script>`],
  [62, (n) => `</title><script>${run(n)}</script>`],
  [63, (n) => `</style><script>${run(n)}</script>`],
  [64, (n) => `</noscript><img src=x onerror=${run(n)}>`],
  [65, (n) => `<!--<img src="--><img src=x onerror=${run(n)}//">`],
  [66, (n) => `<![CDATA[<script>${run(n)}</script>]]>`],
  // Attribute breakers and template injection
  [67, (n) => `" onmouseover="${run(n)}" x="`],
  [68, (n) => `' onfocus='${run(n)}' autofocus='`],
  [69, (n) => `\` onerror=${run(n)} \``],
  [70, (n) => `{{constructor.constructor('${run(n)}')()}}`],
  [71, (n) => `\${${run(n)}}`],
  [72, (n) => `#{${run(n)}} <%= ${run(n)} %>`],
  // Mutation XSS (markup a sanitiser reads one way and the browser another)
  [73, (n) => `<math><mtext><table><mglyph><style><img src=x onerror=${run(n)}>`],
  [74, (n) => `<noscript><p title="</noscript><img src=x onerror=${run(n)}>">`],
  [75, (n) => `<svg></p><style><a id="</style><img src=x onerror=${run(n)}>">`],
  [76, (n) => `<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=${run(n)}>`],
  // Styles that try to run or load
  [77, (n) => `<div style="background:url(javascript:${run(n)})">styled</div>`],
  [78, (n) => `<style>@import 'javascript:${run(n)}';</style>`],
  // Unicode: line and paragraph separators (they end a JavaScript string in older engines), bidi
  // overrides, zero-width characters, a byte-order mark
  [79, (n) => `\u2028<script>${run(n)}</script>\u2029 "\u2028${run(n)}\u2029"`],
  [80, (n) => `\u202e<img src=x onerror=${run(n)}>\u202c`],
  [81, (n) => `<scr\u200bipt>${run(n)}</scr\u200bipt>\ufeff`],
  // NUL written as text (the character itself is refused: NUL_PAYLOADS)
  [82, (n) => `<a href="java&#0;script:${run(n)}">nul entity</a> %00<script>${run(n)}</script>`],
  // Very long
  [83, (n) => `${"A".repeat(2500)}<img src=x onerror=${run(n)}>${"B".repeat(500)}`],
];

export const XSS_PAYLOADS: XssPayload[] = RAW.map(([n, make]) => {
  const id = `x${String(n).padStart(2, "0")}`;
  return { id, n, text: `${id} ${make(n)}` };
});

/** Strings with the NUL character itself, which PostgreSQL cannot store: refused with 400, never a 500. */
export const NUL_PAYLOADS = [`x90 <scr\u0000ipt>${run(90)}</script>`, `x91 \u0000<img src=x onerror=${run(91)}>`, "\u0000"];
