// Review side of `npm run bench`: large, realistic attempt diffs made deterministically in code,
// and the browser half of "open an attempt until its diff is interactive" (Playwright's library
// API on Debian's Chromium, with the launch options of playwright.config.ts).
import { createHash } from "node:crypto";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { structuredPatch } from "diff";
import playwrightConfig from "../../playwright.config";
import { pickOne, seededRandom, shuffled, type Random } from "./bench-data";

// ---------------------------------------------------------------------------------------------
// Diffs: TypeScript modules before and after a plausible change, diffed as `git diff` prints it.
// ---------------------------------------------------------------------------------------------

/**
 * A block of source (a function, a type…) in both versions. Lines starting with "0|" exist only
 * before the change, "1|" only after it; the rest in both. {E}/{e} name the module's entity,
 * {T}/{t} the block's topic.
 */
const BLOCKS: readonly (readonly string[])[] = [
  [
    "/** Loads one page of {e} {t} rows for the list view. */",
    "0|export async function load{E}{T}(client: ApiClient, limit = 50, offset = 0): Promise<{E}{T}[]> {",
    "1|export async function load{E}{T}(client: ApiClient, options: PageOptions = {}): Promise<{E}{T}[]> {",
    "1|  const { limit = DEFAULT_LIMIT, offset = 0, signal } = options;",
    "  const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });",
    "0|  const response = await client.get(`/api/{e}s/{t}?${query}`);",
    "1|  const response = await client.get(`/api/{e}s/{t}?${query}`, { signal });",
    "  if (!response.ok) {",
    "0|    throw new Error(`Could not load {e} {t}: ${response.status}`);",
    "1|    throw new HttpError(response.status, `Could not load {e} {t}`, await response.text());",
    "  }",
    "  const body = (await response.json()) as { items: {E}{T}Row[] };",
    "  return body.items.map(to{E}{T});",
    "}",
  ],
  [
    "export interface {E}{T} {",
    "  id: string;",
    "  {e}Id: string;",
    "0|  createdAt: string;",
    "1|  createdAt: Date;",
    "1|  updatedAt: Date | null;",
    "  status: {E}{T}Status;",
    "0|  total: number;",
    "1|  totalCents: number;",
    "1|  currency: CurrencyCode;",
    "  notes: string[];",
    "}",
  ],
  [
    "function to{E}{T}(row: {E}{T}Row): {E}{T} {",
    "  return {",
    "    id: row.id,",
    "    {e}Id: row.{e}_id,",
    "0|    createdAt: row.created_at,",
    "1|    createdAt: new Date(row.created_at),",
    "1|    updatedAt: row.updated_at ? new Date(row.updated_at) : null,",
    "    status: parseStatus(row.status),",
    "0|    total: Number(row.total),",
    "1|    totalCents: Math.round(Number(row.total) * 100),",
    "1|    currency: row.currency ?? DEFAULT_CURRENCY,",
    "    notes: row.notes ?? [],",
    "  };",
    "}",
  ],
  [
    "export function validate{E}{T}(input: {E}{T}Input): ValidationResult {",
    "  const errors: Record<string, string> = {};",
    "0|  if (!input.name) errors.name = \"Name is required\";",
    "1|  const name = input.name?.trim() ?? \"\";",
    "1|  if (name.length === 0) errors.name = \"Enter a name.\";",
    "1|  else if (name.length > MAX_NAME_LENGTH) errors.name = `Use at most ${MAX_NAME_LENGTH} characters.`;",
    "  if (input.quantity !== undefined && input.quantity < 0) {",
    "0|    errors.quantity = \"Quantity must be positive\";",
    "1|    errors.quantity = \"Use zero or more.\";",
    "  }",
    "1|  if (input.dueDate && Number.isNaN(Date.parse(input.dueDate))) errors.dueDate = \"Use a date like 2024-05-31.\";",
    "  return { ok: Object.keys(errors).length === 0, errors };",
    "}",
  ],
  [
    "export function {e}{T}Reducer(state: {E}{T}State, action: {E}{T}Action): {E}{T}State {",
    "  switch (action.type) {",
    "    case \"loaded\":",
    "      return { ...state, items: action.items, loading: false };",
    "    case \"selected\":",
    "0|      return { ...state, selectedId: action.id };",
    "1|      return state.selectedId === action.id ? state : { ...state, selectedId: action.id };",
    "1|    case \"removed\":",
    "1|      return { ...state, items: state.items.filter((item) => item.id !== action.id), selectedId: null };",
    "    case \"failed\":",
    "0|      return { ...state, error: action.message };",
    "1|      return { ...state, error: action.message, loading: false };",
    "    default:",
    "      return state;",
    "  }",
    "}",
  ],
  [
    "export async function save{E}{T}(client: ApiClient, draft: {E}{T}Draft): Promise<{E}{T}> {",
    "0|  const response = await client.post(`/api/{e}s/{t}`, draft);",
    "1|  const payload = { ...draft, name: draft.name.trim(), updatedBy: currentUserId() };",
    "1|  const response = await withRetry(() => client.post(`/api/{e}s/{t}`, payload), { attempts: 3 });",
    "  if (response.status === 409) {",
    "    throw new ConflictError(\"Someone else changed this {e} meanwhile. Reload and try again.\");",
    "  }",
    "0|  return to{E}{T}((await response.json()) as {E}{T}Row);",
    "1|  const row = (await response.json()) as {E}{T}Row;",
    "1|  cache.invalidate(`{e}:${row.id}`);",
    "1|  return to{E}{T}(row);",
    "}",
  ],
  [
    "export function summarize{E}{T}(items: readonly {E}{T}[]): {E}{T}Summary {",
    "  let open = 0;",
    "  let closed = 0;",
    "0|  let total = 0;",
    "1|  let totalCents = 0;",
    "  for (const item of items) {",
    "    if (item.status === \"closed\") closed++;",
    "    else open++;",
    "0|    total += item.total;",
    "1|    totalCents += item.totalCents;",
    "  }",
    "0|  return { open, closed, total };",
    "1|  return { open, closed, totalCents, average: items.length ? Math.round(totalCents / items.length) : 0 };",
    "}",
  ],
  [
    "export const {e}{T}Columns: Column<{E}{T}>[] = [",
    "  { key: \"id\", label: \"ID\", width: 120 },",
    "0|  { key: \"status\", label: \"Status\", width: 100 },",
    "1|  { key: \"status\", label: \"Status\", width: 110, render: (row) => statusLabel(row.status) },",
    "  { key: \"createdAt\", label: \"Created\", width: 160, sortable: true },",
    "1|  { key: \"updatedAt\", label: \"Updated\", width: 160, sortable: true },",
    "0|  { key: \"total\", label: \"Total\", align: \"right\" },",
    "1|  { key: \"totalCents\", label: \"Total\", align: \"right\", render: (row) => formatMoney(row.totalCents, row.currency) },",
    "];",
  ],
  [
    "export function use{E}{T}(id: string | null) {",
    "  const [data, setData] = useState<{E}{T} | null>(null);",
    "0|  const [error, setError] = useState<string>();",
    "1|  const [error, setError] = useState<string | null>(null);",
    "  useEffect(() => {",
    "    if (!id) return;",
    "1|    const controller = new AbortController();",
    "0|    fetch{E}{T}(id).then(setData, (e: Error) => setError(e.message));",
    "1|    fetch{E}{T}(id, controller.signal).then(setData, (e: Error) => !controller.signal.aborted && setError(e.message));",
    "1|    return () => controller.abort();",
    "  }, [id]);",
    "  return { data, error, loading: id !== null && data === null && !error };",
    "}",
  ],
];

const ENTITIES = ["invoice", "customer", "order", "shipment", "payment", "subscription", "product", "refund", "coupon", "warehouse", "supplier", "ticket", "account", "report", "webhook", "project", "member", "quote", "budget", "contract"];
const TOPICS = ["Payout", "Details", "History", "Totals", "Export", "Audit", "Preview", "Batch", "Draft", "Archive", "Line", "Note", "Reminder", "Schedule", "Tax", "Discount", "Approval", "Attachment", "Comment", "Event"];

const HEADER: readonly string[] = [
  "// Generated for the review bench: a module of the {e} domain.",
  "0|import { ApiClient } from \"../http/client\";",
  "1|import { ApiClient, HttpError } from \"../http/client\";",
  "1|import { DEFAULT_LIMIT, withRetry, type PageOptions } from \"../http/paging\";",
  "import { useEffect, useState } from \"react\";",
  "import type { Column } from \"../ui/table\";",
  "",
];

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function render(block: readonly string[], version: 0 | 1, names: Record<string, string>): string[] {
  const out: string[] = [];
  for (const raw of block) {
    const only = raw.startsWith("0|") ? 0 : raw.startsWith("1|") ? 1 : null;
    if (only !== null && only !== version) continue;
    out.push((only === null ? raw : raw.slice(2)).replace(/\{([EeTt])\}/g, (_m, k: string) => names[k] as string));
  }
  return out;
}

/** Changed lines if a block goes from before to after (its marked lines). */
const markedLines = (block: readonly string[]) => block.filter((l) => l.startsWith("0|") || l.startsWith("1|")).length;

const gitBlob = (text: string) => createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0${text}`).digest("hex").slice(0, 7);

export interface GeneratedFile {
  path: string;
  added: number;
  removed: number;
}

export interface GeneratedDiff {
  text: string;
  files: GeneratedFile[];
  /** Added plus removed lines, all files. */
  changedLines: number;
}

/** One module before and after: `target` is roughly how many lines change. */
function moduleVersions(random: Random, entity: string, target: number): { before: string; after: string } {
  const names = { e: entity, E: capital(entity) };
  const before = render(HEADER, 0, { ...names, t: "", T: "" });
  const after = render(HEADER, 1, { ...names, t: "", T: "" });
  let changed = markedLines(HEADER);
  // Each block has its own topic (so its own names); the pool is large enough for any target here.
  const pairs = shuffled(
    random,
    TOPICS.flatMap((topic) => BLOCKS.map((block) => ({ topic, block }))),
  );
  for (const { topic, block } of pairs) {
    if (changed >= target) break;
    const blockNames = { ...names, T: topic, t: topic.toLowerCase() };
    const r = random();
    const kind = r < 0.45 ? "same" : r < 0.85 ? "modified" : r < 0.95 ? "added" : "removed";
    const old = render(block, 0, blockNames);
    const next = render(block, 1, blockNames);
    if (kind !== "added") before.push(...old, "");
    if (kind === "same") after.push(...old, "");
    else if (kind !== "removed") after.push(...next, "");
    changed += kind === "same" ? 0 : kind === "modified" ? markedLines(block) : kind === "added" ? next.length + 1 : old.length + 1;
  }
  return { before: `${before.join("\n")}\n`, after: `${after.join("\n")}\n` };
}

/**
 * A `git diff` of `files.length` modified TypeScript files (src/mod/file<N>.ts for each N of
 * `fileNumbers`) with about `changedLines` added plus removed lines in all, spread unevenly over
 * the files (each gets 60–140 % of its share). Deterministic for a seed. Every hunk has three
 * lines of context and exact `@@ -a,b +c,d @@` counts, as git writes them, with its function
 * heading.
 */
export function generatedDiff(seed: number, fileNumbers: readonly number[], changedLines: number): GeneratedDiff {
  const random = seededRandom(seed);
  const weights = fileNumbers.map(() => 0.6 + 0.8 * random());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts: string[] = [];
  const files: GeneratedFile[] = [];
  fileNumbers.forEach((n, i) => {
    const path = `src/mod/file${n}.ts`;
    const { before, after } = moduleVersions(random, pickOne(random, ENTITIES), Math.round((changedLines * (weights[i] as number)) / sum));
    const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
    const oldLines = before.split("\n");
    const out = [`diff --git a/${path} b/${path}`, `index ${gitBlob(before)}..${gitBlob(after)} 100644`, `--- a/${path}`, `+++ b/${path}`];
    let added = 0;
    let removed = 0;
    for (const hunk of patch.hunks) {
      const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
      const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
      const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
      // git's default function heading: the last line above the hunk that starts with a letter.
      const heading = oldLines
        .slice(0, Math.max(0, hunk.oldStart - 1))
        .reverse()
        .find((line) => /^[A-Za-z_$]/.test(line));
      out.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@${heading ? ` ${heading.slice(0, 80)}` : ""}`);
      for (const line of hunk.lines) {
        out.push(line);
        if (line.startsWith("+")) added++;
        else if (line.startsWith("-")) removed++;
      }
    }
    parts.push(`${out.join("\n")}\n`);
    files.push({ path, added, removed });
  });
  return { text: parts.join(""), files, changedLines: files.reduce((n, f) => n + f.added + f.removed, 0) };
}

// ---------------------------------------------------------------------------------------------
// Browser: Chromium, a signed-in context, and the time until an attempt's diff is interactive.
// ---------------------------------------------------------------------------------------------

/** Chromium as the e2e tests launch it (playwright.config.ts: Debian's binary and its flags). */
export function launchChromium(): Promise<Browser> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  return chromium.launch({ ...launchOptions, headless: true });
}

/** A browser context signed in through the real sign-in form, at the e2e tests' desktop size. */
export async function signedInContext(browser: Browser, baseUrl: string, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto("/signin");
    const button = page.getByRole("button", { name: "Sign in" });
    await button.waitFor();
    // Hydrated, or the click would submit the form natively (see e2e/support/hydration.ts).
    await page.waitForFunction(() => {
      const node = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Sign in");
      return node !== undefined && Object.keys(node).some((key) => key.startsWith("__reactFiber"));
    });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await button.click();
    await page.getByRole("heading", { name: "Your workspaces" }).waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
  return context;
}

export interface InteractiveTiming {
  /** performance.now() in the page (ms since the navigation started) when the diff was interactive. */
  interactiveMs: number;
  /** When the page requested `fetchedPath` and had received it (resource timing), if it fetched it. */
  attemptRequestedMs: number | null;
  attemptFetchedMs: number | null;
}

/**
 * Opens `path` in a new page of `context` and waits for the first animation frame where every one
 * of `filePaths` has its `<section aria-label=path>` with a rendered diff table, and React has
 * hydrated the page's "Keyboard shortcuts" button (a hydrated node carries a `__reactFiber…` key,
 * as e2e/support/hydration.ts checks). `fetchedPath` is the attempt's JSON, for when it arrived.
 */
export async function timeUntilDiffInteractive(
  context: BrowserContext,
  path: string,
  filePaths: readonly string[],
  fetchedPath: string,
  timeoutMs = 30_000,
): Promise<InteractiveTiming> {
  const page = await context.newPage();
  try {
    await page.goto(path, { waitUntil: "commit" });
    const handle = await page.waitForFunction(
      ({ paths, fetchedPath }: { paths: readonly string[]; fetchedPath: string }) => {
        const control = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith("Keyboard shortcuts"));
        if (!control || !Object.keys(control).some((key) => key.startsWith("__reactFiber"))) return false;
        for (const p of paths) {
          const section = document.querySelector(`section[aria-label="${CSS.escape(p)}"]`);
          if (!section?.querySelector(".diff-baton table tbody tr")) return false;
        }
        const fetched = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === fetchedPath) as PerformanceResourceTiming | undefined;
        return { interactiveMs: performance.now(), attemptRequestedMs: fetched?.startTime ?? null, attemptFetchedMs: fetched?.responseEnd ?? null };
      },
      { paths: filePaths, fetchedPath },
      { polling: "raf", timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as InteractiveTiming;
  } finally {
    await page.close();
  }
}
