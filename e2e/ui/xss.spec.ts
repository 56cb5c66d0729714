// The XSS sweep: every payload of e2e/support/xss-payloads.ts is put, through the real HTTP API,
// everywhere a person or an agent can write text that is shown — task titles, descriptions,
// override reasons, specs and their success criteria, review comments (drafts and published),
// verdict feedback, agent summaries, branches, check logs, diff lines and diff file names, PR
// titles and bodies from GitHub, agent, template, board and workspace names, webhook actions —
// then every screen that shows them is opened in Chromium, as a person would.
//
// The page's Content-Security-Policy would block most injected scripts, so the test does not stop
// at "nothing ran": it listens for every policy violation (markup that became executable is a
// violation even when blocked), and inspects the DOM itself for event-handler attributes, scripts
// without the page's nonce, frames, objects, <base>, <meta http-equiv>, and javascript:, data: or
// vbscript: URLs. It also proves each payload was shown as text, so it cannot pass by rendering
// nothing.
import { createHmac, randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { baseURL, call, setToken, type CallResult } from "../support/http";
import { expectHydrated } from "../support/hydration";
import { storageState, type Actor } from "../support/users";
import { NUL_PAYLOADS, XSS_PAYLOADS, type XssPayload } from "../support/xss-payloads";

// A reader in another time zone than the server's (UTC): server-rendered text that depends on it
// would not hydrate, and React's error about it counts as an error in the page.
test.use({ storageState: storageState("owner"), timezoneId: "Asia/Kolkata" });

/** Owner of the workspace made for the sweep (see workspaceFixtures). */
const XSS_OWNER: Actor = "outsider";

// ---------------------------------------------------------------------------------------------
// The payloads, per field (each field's own limits decide which fit)
// ---------------------------------------------------------------------------------------------

const P = XSS_PAYLOADS;
const byId = (id: string) => P.find((p) => p.id === id) as XssPayload;
const fitting = (max: number) => P.filter((p) => p.text.trim().length <= max);
const lines = (p: XssPayload) => p.text.split("\n");
/** Payloads one line long with no tab: they can be file names in a diff header. */
const FILE_NAMED = P.filter((p) => !/[\n\r\t\u2028\u2029]/.test(p.text) && p.text.length <= 200 && !p.text.includes(" b/"));
/** Everything, one payload per paragraph: a description, spec, summary or feedback holding them all. */
const ALL = P.map((p) => p.text).join("\n\n");

const TITLED = fitting(200);
const MAIN_TITLE = byId("x60"); // </script><script>…: breaks out of Next's inline flight data if unescaped
const ACME_BOARD_NAME = byId("x14");
const ACME_AGENT_NAME = byId("x13");
const REASONS = [byId("x15"), byId("x16")]; // over-delegation and readiness-gate reasons (history)
const BRANCH = byId("x17");
const PR_URL = `https://example.com/pr/1?q="><img src=x onerror=window.__xss(99)>`;
const WORKSPACE_NAME = byId("x11");
/** Success criteria of the spec: one per single-line payload. */
const CRITERIA = P.filter((p) => !/[\n\r\u2028\u2029]/.test(p.text) && p.text.length <= 1000);
/** The GitHub delivery log shows the latest 20 deliveries: 19 actions, then one pull request. */
const ACTIONS = fitting(100).slice(0, 19);

const fileOf = (p: XssPayload) => (FILE_NAMED.includes(p) ? `src/${p.text}.ts` : `src/${p.id}-multiline.ts`);
const GENERATED_FILE = `dist/${byId("x01").text}.min.js`;
const LARGE_FILE = "src/large-file-of-payloads.ts";
const LARGE_LINES = Array.from({ length: 420 }, (_, i) => (lines(P[i % P.length] as XssPayload)[0] as string).slice(0, 300));

function filePatch(path: string, added: string[]): string {
  return [
    `diff --git a/${path} b/${path}`,
    "index 1111111..2222222 100644",
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -1,2 +1,${added.length + 1} @@`,
    " const before = 1;",
    "-const removed = 2;",
    ...added.map((line) => `+${line}`),
    "",
  ].join("\n");
}

/** Attempt 1 changes one file per payload (named after it when it can be), a generated file and a large one. */
function diffOf(attempt: 1 | 2): string {
  const again = (p: XssPayload) => (attempt === 2 ? [`// again ${lines(p)[0]}`] : []);
  return [
    ...P.map((p) => filePatch(fileOf(p), [...lines(p), ...again(p)])),
    filePatch(GENERATED_FILE, lines(byId("x01"))),
    filePatch(LARGE_FILE, LARGE_LINES),
  ].join("");
}

// ---------------------------------------------------------------------------------------------
// Fixtures, made through the HTTP API as the owner and as agents
// ---------------------------------------------------------------------------------------------

interface Fixtures {
  acmeBoard: string;
  mainKey: string;
  attempt1: string;
  attempt2: string;
  xss: { slug: string; boardNames: XssPayload[]; agentNames: XssPayload[]; templateNames: XssPayload[]; prKey: string; prTitle: XssPayload; prBody: XssPayload[] };
}
let fx: Fixtures;

function ok(result: CallResult, status: number, what: string): unknown {
  if (result.status !== status) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body).slice(0, 500)}`);
  return result.body;
}

/** Runs the calls a few at a time: the API and this 2-core machine both stay responsive. */
async function inBatches<T>(items: T[], each: (item: T, index: number) => Promise<unknown>, size = 6) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => each(item, i + j)));
}

const suffix = () => randomBytes(3).toString("hex").toUpperCase();

async function makeAgent(actor: Actor, workspace: string, name: string) {
  const agent = ok(await call(actor, "POST", `/api/w/${workspace}/agents`, { name, kind: "custom" }), 201, `agent ${name}`) as { agent: { id: string } };
  return agent.agent.id;
}

async function agentToken(actor: Actor, workspace: string, agentId: string) {
  const token = ok(await call(actor, "POST", `/api/w/${workspace}/agents/${agentId}/tokens`), 201, "token") as { token: { token: string } };
  return token.token.token;
}

function signedDelivery(workspace: string, secret: string, event: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return fetch(`${baseURL}/api/webhooks/github/${workspace}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": `xss-${randomBytes(8).toString("hex")}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
}

/** Acme: a board of its own, a task per title, and the xss task with its spec, two attempts and a round of review. */
async function acmeFixtures() {
  const acmeBoard = `X${suffix()}`;
  ok(await call("owner", "POST", "/api/w/acme/boards", { name: ACME_BOARD_NAME.text, key: acmeBoard }), 201, "board");
  // Agent names are unique in a workspace: a second run of these fixtures (after a failed test) needs its own.
  const agentId = await makeAgent("owner", "acme", `${ACME_AGENT_NAME.text} ${acmeBoard}`);
  // The agent's token for call("agent", …) in this test file.
  setToken("agent", await agentToken("owner", "acme", agentId));

  await inBatches(TITLED, async (p) => {
    ok(await call("owner", "POST", "/api/w/acme/tasks", { boardKey: acmeBoard, title: p.text, description: p.text, labels: ["xss"] }), 201, `task ${p.id}`);
  });

  const created = ok(
    await call("owner", "POST", "/api/w/acme/tasks", {
      boardKey: acmeBoard,
      title: MAIN_TITLE.text,
      description: ALL,
      lane: "delegate",
      status: "ready",
      overDelegationReason: REASONS[0]?.text,
      gateOverrideReason: REASONS[1]?.text,
    }),
    201,
    "main task",
  ) as { task: { key: string } };
  const mainKey = created.task.key;
  const spec = `${ALL}\n\n## Success criteria\n${CRITERIA.map((p) => `- [ ] ${p.text}`).join("\n")}\n`;
  ok(await call("owner", "PUT", `/api/w/acme/tasks/${mainKey}/spec`, { markdown: "## Outcome\nThe first revision.\n", baseRevision: 0 }), 200, "spec 1");
  ok(await call("owner", "PUT", `/api/w/acme/tasks/${mainKey}/spec`, { markdown: spec, baseRevision: 1 }), 200, "spec 2");
  ok(await call("owner", "PUT", `/api/w/acme/tasks/${mainKey}/agent`, { agentId }), 200, "assign");

  const submit = async (attempt: 1 | 2) => {
    ok(await call("agent", "POST", `/api/v1/tasks/${mainKey}/claim`), 200, `claim ${attempt}`);
    const body = { summary: ALL, branch: BRANCH.text, prUrl: PR_URL, diff: diffOf(attempt), checks: { status: "failed", log: ALL } };
    return (ok(await call("agent", "POST", `/api/v1/tasks/${mainKey}/submissions`, body), 201, `attempt ${attempt}`) as { submission: { id: string } }).submission.id;
  };
  const draftEveryPayload = (submissionId: string) =>
    inBatches(P, async (p) => {
      const comment = { target: "diff", path: fileOf(p), side: "new", line: 2, body: p.text };
      ok(await call("owner", "POST", `/api/w/acme/review/attempts/${submissionId}/comments`, comment), 201, `draft ${p.id}`);
    });

  const attempt1 = await submit(1);
  await draftEveryPayload(attempt1);
  ok(await call("owner", "POST", `/api/w/acme/review/attempts/${attempt1}/verdict`, { verdict: "request_changes", summary: ALL }), 201, "verdict");
  const attempt2 = await submit(2);
  await draftEveryPayload(attempt2);
  await inBatches(CRITERIA, async (p) => {
    ok(await call("owner", "POST", `/api/w/acme/review/attempts/${attempt2}/comments`, { target: "criterion", criterion: p.text, body: p.text }), 201, `criterion ${p.id}`);
  });
  return { acmeBoard, mainKey, attempt1, attempt2 };
}

/**
 * A workspace of its own for the names shown workspace-wide (boards, agents, templates, deliveries),
 * so that Acme's settings, and the Acme owner's workspace list (which other tests scan), stay as
 * they expect. It belongs to Globex's owner, whose list no other test reads.
 */
async function workspaceFixtures(): Promise<Fixtures["xss"]> {
  const slug = `xss-${suffix().toLowerCase()}`;
  ok(await call(XSS_OWNER, "POST", "/api/workspaces", { name: WORKSPACE_NAME.text, slug, boardName: byId("x02").text, boardKey: "MAIN" }), 201, "workspace");
  const boardNames = fitting(60).filter((p) => p.id !== "x02");
  await inBatches(boardNames, async (p, i) => {
    ok(await call(XSS_OWNER, "POST", `/api/w/${slug}/boards`, { name: p.text, key: `B${i + 1}` }), 201, `board ${p.id}`);
  });
  const agentNames = fitting(60);
  const agentIds: string[] = [];
  await inBatches(agentNames, async (p) => agentIds.push(await makeAgent(XSS_OWNER, slug, p.text)));
  const templateNames = fitting(80);
  await inBatches(templateNames, async (p) => {
    const template = { name: p.text, description: p.text.slice(0, 300), markdown: p.text };
    ok(await call(XSS_OWNER, "POST", `/api/w/${slug}/templates`, template), 201, `template ${p.id}`);
  });

  // GitHub: deliveries whose action is a payload, then a pull request naming a task, whose title
  // and body become an attempt's summary.
  const secret = randomBytes(24).toString("hex");
  ok(await call(XSS_OWNER, "PUT", `/api/w/${slug}/webhook-secret`, { secret }), 200, "secret");
  ok(await call(XSS_OWNER, "PUT", `/api/w/${slug}/boards/MAIN/repository`, { repository: "acme/web" }), 200, "link");
  for (const p of ACTIONS) {
    const response = await signedDelivery(slug, secret, "push", { action: p.text });
    if (response.status !== 202) throw new Error(`delivery ${p.id}: ${response.status} ${await response.text()}`);
  }
  const task = ok(
    await call(XSS_OWNER, "POST", `/api/w/${slug}/tasks`, {
      boardKey: "MAIN",
      title: "Pull request target",
      lane: "delegate",
      status: "ready",
      overDelegationReason: "XSS fixture",
      gateOverrideReason: "XSS fixture",
    }),
    201,
    "PR task",
  ) as { task: { key: string } };
  ok(await call(XSS_OWNER, "PUT", `/api/w/${slug}/tasks/${task.task.key}/agent`, { agentId: agentIds[0] }), 200, "PR assign");
  const prTitle = byId("x57");
  const prBody = [byId("x46"), byId("x59"), byId("x11"), byId("x73")];
  const pr = await signedDelivery(slug, secret, "pull_request", {
    action: "opened",
    number: 7,
    pull_request: {
      html_url: "https://github.com/acme/web/pull/7",
      title: `${prTitle.text} ${task.task.key}`,
      body: prBody.map((p) => p.text).join("\n\n"),
      merged: false,
      head: { ref: `${task.task.key}-${BRANCH.text}`.slice(0, 255) },
      user: { login: "octocat" },
    },
    repository: { full_name: "acme/web" },
  });
  if (pr.status !== 200) throw new Error(`pull request delivery: ${pr.status} ${await pr.text()}`);
  return { slug, boardNames: [byId("x02"), ...boardNames], agentNames, templateNames, prKey: task.task.key, prTitle, prBody };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const [acme, xss] = await Promise.all([acmeFixtures(), workspaceFixtures()]);
  fx = { ...acme, xss };
});

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

interface Watch {
  dialogs: string[];
  errors: string[];
  nonce: string;
}

/**
 * Before any page script runs: `window.__xss` records a call (from a frame too), and every
 * Content-Security-Policy violation is recorded with what was blocked.
 */
async function watch(page: Page): Promise<Watch> {
  const state: Watch = { dialogs: [], errors: [], nonce: "" };
  await page.addInitScript(() => {
    const calls: string[] = [];
    const violations: Record<string, unknown>[] = [];
    const record = (n: unknown) => {
      try {
        (window.top as unknown as { __xssCalls: string[] }).__xssCalls.push(String(n));
      } catch {
        calls.push(String(n));
      }
    };
    Object.defineProperty(window, "__xssCalls", { value: calls });
    Object.defineProperty(window, "__xss", { value: record });
    Object.defineProperty(window, "__cspViolations", { value: violations });
    document.addEventListener("securitypolicyviolation", (e) => {
      violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
    });
  });
  page.on("dialog", (dialog) => {
    state.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => state.errors.push(error.message));
  page.on("response", (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
      if (nonce) state.nonce = nonce;
    }
  });
  return state;
}

interface Expect {
  /** Texts that must be on the screen exactly as written (whitespace aside): plain-text renderings. */
  plain?: string[];
  /** Payloads rendered as markdown: their "xNN" marker must be on the screen. */
  markdown?: XssPayload[];
  /** Form fields whose value must be exactly this text. */
  values?: { field: Locator; value: string }[];
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const screensChecked: string[] = [];
let textChecks = 0;

/** What a screen holds that must not be there: calls, violations and dangerous markup, and its text. */
async function inspect(page: Page, state: Watch) {
  // Let late effects happen (an onerror fires after the image fails, a focus handler after autofocus).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 250))));
  return page.evaluate((nonce) => {
    const w = window as unknown as { __xssCalls: string[]; __cspViolations: Record<string, unknown>[] };
    const everything = [...document.querySelectorAll("*")];
    const clean = (value: string) => value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g, "").toLowerCase();
    const dangerous = (value: string) => /^(javascript|data|vbscript):/.test(clean(value));
    const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "poster", "background", "ping", "codebase", "cite", "lowsrc", "dynsrc"]);
    const describe = (el: Element) => `<${el.tagName.toLowerCase()} ${[...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 80)}"`).join(" ")}>`.slice(0, 300);
    const handlers: string[] = [];
    const urls: string[] = [];
    for (const el of everything) {
      for (const attribute of el.attributes) {
        const name = attribute.localName.toLowerCase();
        if (name.startsWith("on")) handlers.push(describe(el));
        if (name === "srcdoc") urls.push(describe(el));
        if (URL_ATTRIBUTES.has(name) && dangerous(attribute.value)) urls.push(describe(el));
        if (name === "srcset" && attribute.value.split(",").some((candidate) => dangerous(candidate.trim()))) urls.push(describe(el));
      }
    }
    // The app's own chunks, loaded later by its nonce'd scripts (a dialog, an editor on demand),
    // carry no nonce: 'strict-dynamic' trusts what a trusted script adds. Anything else must have it.
    const chunk = (s: HTMLScriptElement) => s.src.startsWith(`${location.origin}/_next/static/chunks/`) && s.src.endsWith(".js");
    const scripts = [...document.querySelectorAll("script")]
      .filter((s) => s.nonce !== nonce && !chunk(s))
      .map((s) => describe(s) + (s.src ? "" : ` ${s.textContent?.slice(0, 120) ?? ""}`));
    const elements = [...document.querySelectorAll("iframe, frame, object, embed, base, body meta, meta[http-equiv], applet, portal")].map(describe);
    return {
      calls: [...w.__xssCalls],
      violations: w.__cspViolations.map((v) => JSON.stringify(v)),
      handlers,
      urls,
      scripts,
      elements,
      text: document.body.innerText,
      nonce,
    };
  }, state.nonce);
}

/**
 * After a screen: nothing ran, nothing was blocked, nothing dangerous is in the DOM, and every
 * payload expected here is shown.
 */
async function expectSafe(page: Page, state: Watch, screen: string, expected: Expect, root?: Locator) {
  const report = await inspect(page, state);
  expect(state.nonce, `${screen}: the page's nonce`).not.toBe("");
  expect(report.calls, `${screen}: payloads that ran (window.__xss)`).toEqual([]);
  expect(state.dialogs, `${screen}: dialogs (alert, confirm, prompt)`).toEqual([]);
  expect(report.violations, `${screen}: Content-Security-Policy violations (markup that became executable)`).toEqual([]);
  expect(state.errors, `${screen}: errors in the page`).toEqual([]);
  expect(report.handlers, `${screen}: elements with an on* attribute`).toEqual([]);
  expect(report.scripts, `${screen}: scripts without this page's nonce`).toEqual([]);
  expect(report.elements, `${screen}: frames, objects, <base>, <meta http-equiv>`).toEqual([]);
  expect(report.urls, `${screen}: javascript:, data: or vbscript: URLs, srcdoc`).toEqual([]);

  const text = collapse(root ? await root.innerText() : report.text);
  const missingPlain = (expected.plain ?? []).filter((t) => !text.includes(collapse(t)));
  const missingMarkers = (expected.markdown ?? []).filter((p) => !new RegExp(`(?<![0-9A-Za-z])${p.id}(?![0-9])`).test(text)).map((p) => p.id);
  expect(missingPlain.map((t) => t.slice(0, 120)), `${screen}: payloads not shown as text`).toEqual([]);
  expect(missingMarkers, `${screen}: markdown payloads not shown`).toEqual([]);
  for (const { field, value } of expected.values ?? []) await expect(field, `${screen}: a field's value`).toHaveValue(value);
  screensChecked.push(screen);
  textChecks += (expected.plain?.length ?? 0) + (expected.markdown?.length ?? 0) + (expected.values?.length ?? 0);
}

/** Opens every collapsed file of a diff (generated, large), as a reviewer would. */
async function expandCollapsed(scope: Locator) {
  for (let round = 0; round < 5; round++) {
    const collapsed = scope.locator("button[aria-expanded=false]");
    const count = await collapsed.count();
    if (count === 0) return;
    await collapsed.first().click();
  }
}

const texts = (payloads: XssPayload[]) => payloads.map((p) => p.text);
const payloadLines = (payloads: XssPayload[]) => payloads.flatMap(lines).filter((l) => l.trim());

// ---------------------------------------------------------------------------------------------
// The screens
// ---------------------------------------------------------------------------------------------

// First, the detector itself: markup slipped into a real page is caught, whether the policy blocked
// it or not, so that the screens below cannot pass by a detector that sees nothing.
test("the detector catches injected markup: handlers, scripts without the nonce, frames, dangerous URLs, dialogs, violations", async ({ page }) => {
  const state = await watch(page);
  await page.goto("/w/acme");
  await expect(page.getByRole("heading", { name: "Boards" })).toBeVisible();
  const clean = await inspect(page, state);
  expect([clean.calls, clean.violations, clean.handlers, clean.scripts, clean.elements, clean.urls].flat()).toEqual([]);

  await page.evaluate(() => {
    const main = document.querySelector("main") as HTMLElement;
    main.insertAdjacentHTML(
      "beforeend",
      [
        `<img src="x" onerror="window.__xss(1)">`,
        `<a href="jav&#x09;ascript:window.__xss(2)">tab</a>`,
        `<iframe srcdoc="<p>framed</p>"></iframe>`,
        `<meta http-equiv="refresh" content="99999;url=javascript:window.__xss(3)">`,
        `<svg><a xlink:href="javascript:window.__xss(4)"><text>svg</text></a></svg>`,
      ].join(""),
    );
    const script = document.createElement("script");
    script.textContent = "window.__xss(5)";
    main.append(script);
    setTimeout(() => window.alert("injected"), 0);
  });
  const caught = await inspect(page, state);
  expect(caught.handlers.join(" ")).toContain("onerror");
  expect(caught.violations.join(" "), "the blocked inline handler is reported").toMatch(/script-src/);
  expect(caught.scripts.join(" ")).toContain("window.__xss(5)");
  expect(caught.elements.join(" ")).toContain("<iframe");
  expect(caught.elements.join(" ")).toContain("<meta");
  expect(caught.urls.join(" ")).toContain("jav\tascript:");
  expect(caught.urls.join(" ")).toContain("xlink:href");
  expect(caught.urls.join(" ")).toContain("srcdoc");
  expect(state.dialogs).toEqual(["alert: injected"]);
});

test("the workspace list and the workspace's boards show a hostile board name as text", async ({ page }) => {
  const state = await watch(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
  await expectSafe(page, state, "workspaces (/)", { plain: [ACME_BOARD_NAME.text] });
  await page.goto("/w/acme");
  await expect(page.getByRole("heading", { name: "Boards" })).toBeVisible();
  await expectSafe(page, state, "Acme's boards", { plain: [ACME_BOARD_NAME.text] });
});

test("the board shows every hostile title, the agent's name and the board's name as text", async ({ page }) => {
  test.slow(); // pages of a hundred hostile rows, on a small machine
  const state = await watch(page);
  await page.goto(`/w/acme/b/${fx.acmeBoard}`);
  await expect(page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible({ timeout: 30_000 });
  // A long cell renders only the cards in and near its view (decision 46), and the hostile titles
  // fill one cell: every cell that scrolls is scrolled through, the page checked at each step, and
  // every title must have been shown as text at one of them.
  const shown: string[] = [];
  const read = async (screen: string) => {
    await expectSafe(page, state, screen, { plain: [] });
    shown.push(collapse(await page.evaluate(() => document.body.innerText)));
  };
  await read("board");
  const scrolling = await page.evaluate(() =>
    [...document.querySelectorAll("ul[aria-label]")].filter((ul) => ul.parentElement && ul.parentElement.scrollHeight > ul.parentElement.clientHeight).map((ul) => ul.getAttribute("aria-label") ?? ""),
  );
  expect(scrolling.length, "the hostile titles make a cell long enough to scroll").toBeGreaterThan(0);
  for (const name of scrolling) {
    for (let top = 300; ; top += 300) {
      const more = await page.evaluate(
        ({ name, top }) => {
          const scroller = document.querySelector(`ul[aria-label="${name}"]`)?.parentElement;
          if (!scroller) return false;
          scroller.scrollTop = top;
          return scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1;
        },
        { name, top },
      );
      await read(`board, ${name} scrolled ${top} px`);
      if (!more) break;
    }
  }
  const text = shown.join(" ");
  const missing = [...texts(TITLED), MAIN_TITLE.text, ACME_AGENT_NAME.text, ACME_BOARD_NAME.text].filter((t) => !text.includes(collapse(t)));
  expect(missing.map((t) => t.slice(0, 120)), "board: payloads not shown as text").toEqual([]);
  textChecks += TITLED.length + 3;
});

test("the task view: details (write and preview), spec (write and preview), revisions, history and attempts", async ({ page }) => {
  test.setTimeout(180_000);
  const state = await watch(page);
  await page.goto(`/w/acme/b/${fx.acmeBoard}?task=${fx.mainKey}`);
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("tablist", { name: "Task sections" })).toBeVisible({ timeout: 30_000 });

  // Attempts first: a task in review opens on them. The newest attempt, then the first with its review.
  // They are fetched once the page has hydrated, and 86 highlighted files take a while on a small machine.
  const attempts = dialog.getByRole("article", { name: "Attempt 2" });
  await expect(attempts).toBeVisible({ timeout: 60_000 });
  await expectHydrated(dialog.getByRole("tab", { name: "Details" }));
  await dialog.getByText("Check log excerpt").click();
  await expandCollapsed(attempts);
  await expectSafe(
    page,
    state,
    "task view: attempt 2",
    {
      plain: [...texts(P), BRANCH.text, PR_URL, ...FILE_NAMED.map(fileOf), GENERATED_FILE, LARGE_FILE, ...payloadLines(P), ...LARGE_LINES.slice(0, 20), ACME_AGENT_NAME.text],
    },
    attempts,
  );
  await expectSafe(page, state, "task view: attempt 2's file list", { plain: [...FILE_NAMED.map(fileOf), GENERATED_FILE, LARGE_FILE] }, dialog.getByRole("navigation", { name: "Changed files" }));
  await dialog.getByRole("tab", { name: "Attempt 1" }).click();
  await expect(dialog.getByRole("article", { name: "Attempt 1" })).toBeVisible();
  await expect(dialog.getByRole("region", { name: "Review", exact: true })).toBeVisible();
  await expectSafe(
    page,
    state,
    "task view: attempt 1 and its review",
    { plain: [...texts(P), ...P.map((p) => `${fileOf(p)}:2 (new) — ${p.text}`)] },
    dialog.getByRole("article", { name: "Attempt 1" }),
  );

  await dialog.getByRole("tab", { name: "Details" }).click();
  await expectSafe(page, state, "task view: details (write)", {
    values: [
      { field: dialog.getByLabel("Title", { exact: true }), value: MAIN_TITLE.text },
      { field: dialog.getByRole("textbox", { name: "Description" }), value: ALL },
    ],
  });
  await dialog.getByRole("tab", { name: "Preview" }).click();
  await expectSafe(page, state, "task view: details (preview)", { markdown: P }, dialog.getByRole("tabpanel", { name: "Preview" }));

  await dialog.getByRole("tab", { name: "Spec" }).click();
  const editor = dialog.locator(".cm-content");
  await expect(editor).toContainText(byId("x01").text);
  await expectSafe(page, state, "task view: spec (write)", { plain: [byId("x01").text, byId("x02").text] }, editor);
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expectSafe(page, state, "task view: spec (preview)", { markdown: P }, dialog.getByRole("document", { name: "Rendered spec" }));

  await dialog.getByRole("tab", { name: "Revisions" }).click();
  await expect(dialog.getByText(/\d+ added, \d+ removed lines/)).toBeVisible();
  await expectSafe(page, state, "task view: revisions compared", { plain: payloadLines(P) });

  await dialog.getByRole("tab", { name: "History" }).click();
  await expect(dialog.getByRole("region", { name: "History" }).getByRole("listitem").first()).toBeVisible();
  await expectSafe(page, state, "task view: history", { plain: texts(REASONS) });
});

test("the batch-review page with the xss attempt open: summary, spec, criteria, previous round, changes since, files, diff, drafts", async ({ page }) => {
  test.setTimeout(180_000);
  const state = await watch(page);
  await page.goto(`/w/acme/review?board=${fx.acmeBoard}&attempt=${fx.attempt2}`);
  const article = page.getByRole("article", { name: `Attempt 2 on ${fx.mainKey}` });
  await expect(article).toBeVisible();
  await expect(article.getByRole("region", { name: fileOf(byId("x01")) })).toBeVisible();
  await article.getByText("Check log excerpt").click();
  await expandCollapsed(article.getByRole("region", { name: GENERATED_FILE }));
  await expandCollapsed(article.getByRole("region", { name: LARGE_FILE }));
  await expect(article.getByRole("region", { name: LARGE_FILE }).getByText(LARGE_LINES[0] as string).first()).toBeAttached();
  await expectSafe(page, state, "batch review: the attempt", {
    plain: [
      MAIN_TITLE.text,
      ACME_AGENT_NAME.text,
      ...texts(CRITERIA),
      ...CRITERIA.map((p) => `Not met (draft): ${p.text}`),
      ...P.map((p) => `${fileOf(p)}:2 (new) — ${p.text}`),
      ...P.map((p) => `again ${lines(p)[0]}`),
      ...FILE_NAMED.map(fileOf),
      GENERATED_FILE,
      LARGE_FILE,
      ...payloadLines(P),
      ...LARGE_LINES.slice(0, 20),
      ...texts(P), // the check log and the drafts
    ],
  });
  // The file list (the server's reading of the diff) and the files (the browser's) agree on every hostile name.
  await expectSafe(page, state, "batch review: the file list", { plain: [...FILE_NAMED.map(fileOf), GENERATED_FILE, LARGE_FILE] }, article.getByRole("list", { name: "Changed files" }));
  for (const p of FILE_NAMED) await expect(article.getByRole("region", { name: fileOf(p), exact: true }), p.id).toHaveCount(1);
  // Markdown, where each is rendered: the agent's summary, the spec and the previous round's feedback.
  await expectSafe(page, state, "batch review: the agent's summary", { markdown: P }, article.getByRole("region", { name: "The agent's summary" }));
  await expectSafe(page, state, "batch review: the spec", { markdown: P }, article.getByRole("region", { name: "Spec text" }));
  await expectSafe(page, state, "batch review: the previous round's feedback", { markdown: P }, article.getByRole("region", { name: "Feedback on attempt 1" }));
  // Every file's drafts sit under its line.
  for (const p of [byId("x01"), byId("x24"), byId("x60"), byId("x83")]) {
    await expect(article.getByRole("region", { name: fileOf(p) }).getByText("Draft", { exact: true }).first()).toBeVisible();
  }
});

test("Acme's settings show the sweep's hostile agent name as text", async ({ page }) => {
  test.slow(); // a settings page with every agent other tests registered
  const state = await watch(page);
  await page.goto("/w/acme/settings");
  await expect(page.getByRole("region", { name: "Agents" })).toBeVisible();
  await expectSafe(page, state, "Acme's settings", { plain: [ACME_AGENT_NAME.text, ACME_BOARD_NAME.text] });
});

test.describe("in the sweep's own workspace", () => {
  test.use({ storageState: storageState(XSS_OWNER) });

  test("the workspace list and its boards: a hostile workspace name and board names as text", async ({ page }) => {
    test.slow(); // pages of a hundred hostile rows, on a small machine
    const state = await watch(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
    await expectSafe(page, state, "workspaces (/) of the sweep's workspace owner", { plain: [WORKSPACE_NAME.text, ...texts(fx.xss.boardNames)] });

    await page.goto(`/w/${fx.xss.slug}`);
    await expect(page.getByRole("heading", { name: "Boards" })).toBeVisible();
    await expectSafe(page, state, "a workspace's boards", { plain: [WORKSPACE_NAME.text, ...texts(fx.xss.boardNames)] });
  });

  test("settings: hostile agent names, template names and descriptions, and webhook actions in the delivery log", async ({ page }) => {
    test.slow(); // pages of a hundred hostile rows, on a small machine
    const state = await watch(page);
    await page.goto(`/w/${fx.xss.slug}/settings`);
    await expect(page.getByRole("region", { name: "Agents" })).toBeVisible();
    await expect(page.getByRole("table", { name: "GitHub deliveries" })).toBeVisible();
    await expectSafe(page, state, "settings", {
      plain: [
        WORKSPACE_NAME.text,
        ...texts(fx.xss.agentNames),
        ...texts(fx.xss.templateNames),
        ...fx.xss.templateNames.map((p) => p.text.slice(0, 300)),
        ...ACTIONS.map((p) => `push.${p.text}`),
      ],
    });
  });

  test("an attempt from a GitHub pull request: its hostile title and body in the summary", async ({ page }) => {
    test.slow(); // pages of a hundred hostile rows, on a small machine
    const state = await watch(page);
    await page.goto(`/w/${fx.xss.slug}/review`);
    await expect(page.getByRole("article", { name: `Attempt 1 on ${fx.xss.prKey}` })).toBeVisible();
    await expectSafe(page, state, "batch review: a pull request's attempt", { plain: [fx.xss.agentNames[0]?.text ?? ""] });
    await expectSafe(page, state, "batch review: a pull request's summary", { markdown: [fx.xss.prTitle, ...fx.xss.prBody] }, page.getByRole("region", { name: "The agent's summary" }));
  });
});

// ---------------------------------------------------------------------------------------------
// Refused, never a 500
// ---------------------------------------------------------------------------------------------

test("text with a NUL character is refused with 400 naming the field, never a 500", async () => {
  const fields: [string, string, string, (nul: string) => unknown][] = [
    ["task title", "POST", "/api/w/acme/tasks", (nul) => ({ boardKey: fx.acmeBoard, title: nul })],
    ["task description", "POST", "/api/w/acme/tasks", (nul) => ({ boardKey: fx.acmeBoard, title: "NUL", description: nul })],
    ["spec", "PUT", `/api/w/acme/tasks/${fx.mainKey}/spec`, (nul) => ({ markdown: nul, baseRevision: 2 })],
    ["review comment", "POST", `/api/w/acme/review/attempts/${fx.attempt2}/comments`, (nul) => ({ target: "criterion", criterion: "x", body: nul })],
    ["board name", "POST", "/api/w/acme/boards", (nul) => ({ name: nul, key: `N${suffix()}` })],
    ["agent name", "POST", "/api/w/acme/agents", (nul) => ({ name: nul, kind: "custom" })],
    ["template name", "POST", "/api/w/acme/templates", (nul) => ({ name: nul, markdown: "x" })],
  ];
  for (const [what, method, path, body] of fields) {
    for (const nul of NUL_PAYLOADS) {
      const result = await call("owner", method, path, body(nul));
      expect(result.status, `${what}: ${JSON.stringify(result.body)}`).toBe(400);
      expect(JSON.stringify((result.body as { error: { fields?: unknown } }).error.fields), what).toContain("NUL character");
    }
  }
  const agentSummary = await call("agent", "POST", `/api/v1/tasks/${fx.mainKey}/submissions`, { summary: NUL_PAYLOADS[0] });
  expect(agentSummary.status, "agent summary").toBe(400);
  // From the URL: the review queue's filters (API and page), a workspace, a board, a task, an attempt.
  for (const query of ["board=%00", "agent=%00", "author=%00", "board=%3Cscript%3E", "agent=%22%3E%3Csvg%2Fonload%3D1%3E"]) {
    expect((await call("owner", "GET", `/api/w/acme/review/queue?${query}`)).status, query).toBe(400);
    expect((await call("owner", "GET", `/w/acme/review?${query}`)).status, `page ${query}`).toBe(200);
  }
  expect((await call("owner", "GET", "/api/w/%00/boards")).status).toBe(404);
  expect((await call("owner", "GET", "/w/%00")).status).toBe(404);
  expect((await call("owner", "GET", "/api/w/acme/tasks/X%00-1")).status).toBe(404);
  expect((await call("owner", "GET", "/w/acme/b/X%00")).status).toBeLessThan(500);
  expect((await call("owner", "GET", "/w/acme/review?attempt=%00")).status).toBe(200);
  expect((await call("owner", "GET", "/api/w/acme/review/attempts/%00")).status).toBeLessThan(500);
  // A GitHub delivery is parsed apart from readJson: the database's refusal of a NUL is still a 400.
  const secret = randomBytes(24).toString("hex");
  expect((await call(XSS_OWNER, "PUT", `/api/w/${fx.xss.slug}/webhook-secret`, { secret })).status).toBe(200);
  expect((await signedDelivery(fx.xss.slug, secret, "push", { action: NUL_PAYLOADS[0] })).status).toBe(400);
});

test("signing in never sends anyone to another site or a javascript: URL, however the return address is disguised", async () => {
  for (const path of ["/signin", "/signup"]) {
    for (const hostile of ["//evil.example", "/\\evil.example", "/\t/evil.example", "/.//evil.example", "https://evil.example", "javascript:window.__xss(1)", "data:text/html,x"]) {
      const result = await call("owner", "GET", `${path}?callbackUrl=${encodeURIComponent(hostile)}`);
      expect(result.status, `${path} ${hostile}`).toBe(307);
      const location = result.headers.get("location") ?? "";
      expect(new URL(location, baseURL).origin, `${path} ${hostile} → ${location}`).toBe(baseURL);
    }
  }
});

test("labels take letters, digits and . _ / - only: every payload is refused as a label with 400, never stored", async () => {
  await inBatches(P, async (p) => {
    const result = await call("owner", "POST", "/api/w/acme/tasks", { boardKey: fx.acmeBoard, title: `Label ${p.id}`, labels: [p.text] });
    expect(result.status, p.id).toBe(400);
    expect(Object.keys((result.body as { error: { fields?: object } }).error.fields ?? {}), p.id).toEqual(["labels.0"]);
  });
});

test("links an agent sends must be http(s): javascript:, data: and vbscript: in any disguise are refused", async () => {
  for (const url of ["javascript:window.__xss(1)", "JaVaScRiPt:window.__xss(1)", " javascript:window.__xss(1)", "java\tscript:window.__xss(1)", "data:text/html,<script>window.__xss(1)</script>", "vbscript:msgbox(1)"]) {
    const pr = await call("agent", "POST", `/api/v1/tasks/${fx.mainKey}/submissions`, { summary: "x", prUrl: url });
    expect(pr.status, JSON.stringify(url)).toBe(400);
    const checks = await call("agent", "POST", `/api/v1/tasks/${fx.mainKey}/submissions`, { summary: "x", checks: { status: "passed", url } });
    expect(checks.status, JSON.stringify(url)).toBe(400);
  }
});

/** Where the payloads go: every field a person, an agent or GitHub can write and a screen shows. */
const PLACEMENTS = [
  "task titles",
  "task descriptions",
  "labels (refused: letters, digits and . _ / - only)",
  "over-delegation and readiness-gate reasons",
  "spec text",
  "spec success criteria",
  "agent summaries",
  "branches",
  "pull-request links",
  "check logs",
  "diff lines",
  "diff file names",
  "draft comments on diff lines",
  "draft comments on success criteria",
  "verdict feedback",
  "published review comments",
  "agent names",
  "board names",
  "workspace names",
  "template names",
  "template descriptions",
  "GitHub webhook actions",
  "GitHub pull-request titles",
  "GitHub pull-request bodies",
];

test.afterAll(() => {
  console.log(
    `XSS sweep: ${P.length} payloads (and ${NUL_PAYLOADS.length} with a NUL, refused) in ${PLACEMENTS.length} placements; ` +
      `${screensChecked.length} screen checks (${screensChecked.join("; ")}); ${textChecks} renderings proven shown as text.`,
  );
});
