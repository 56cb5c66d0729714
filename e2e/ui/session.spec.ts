// Leverage sessions in the browser: a session run through all four phases with two approaches,
// an interrupt logged with one keystroke and a review note ticked off before Finish; the timer
// surviving a reload; the focus guard met when starting a second session; axe scans of the
// session view in both themes.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { baseURL, call, type Caller } from "../support/http";
import { expectHydrated } from "../support/hydration";
import { storageState } from "../support/users";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function leverageTask(caller: Caller, title: string): Promise<string> {
  const created = await call(caller, "POST", "/api/w/acme/tasks", { boardKey: "WEB", title, lane: "leverage" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return (created.body as { task: { key: string } }).task.key;
}

/** Finishes the caller's open sessions in Acme, so that a retried test starts from a clear focus guard. */
async function finishOpenSessions(caller: Caller) {
  const open = (await call(caller, "GET", "/api/w/acme/sessions")).body as { sessions: { id: string }[] };
  for (const s of open.sessions) {
    const view = (await call(caller, "GET", `/api/w/acme/sessions/${s.id}`)).body as { session: { version: number; canEdit: boolean } };
    if (view.session.canEdit) await call(caller, "PATCH", `/api/w/acme/sessions/${s.id}`, { version: view.session.version, state: "finished", outcome: "E2E cleanup", leaveOpenNotes: true });
  }
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test.describe("a session through its phases", () => {
  test.use({ storageState: storageState("member") });

  test("start from the task, design with two approaches, interrupt with one key, queue and tick a note, and finish", async ({ page }) => {
    test.slow();
    const title = unique("Find why exports time out");
    await finishOpenSessions("member");
    await leverageTask("member", title);
    const board = new BoardPage(page);
    await board.goto();
    const dialog = await board.open(title);
    await dialog.getByRole("button", { name: "Start session" }).click();

    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expectHydrated(page.getByRole("button", { name: "Pause" }));
    const phases = page.getByRole("navigation", { name: "Phases" });
    await expect(phases.getByRole("button", { name: /Discovery/ })).toHaveAttribute("aria-current", "step");
    await phases.getByRole("button", { name: /Design/ }).click();
    await expect(phases.getByRole("button", { name: /Design/ })).toHaveAttribute("aria-current", "step");

    // Design asks for two approaches and a choice before it is done, and says why.
    await phases.getByRole("button", { name: /Implementation/ }).click();
    await expect(phases.getByRole("alert")).toContainText("Consider at least 2 approaches before leaving Design");
    const approaches = page.getByRole("region", { name: "Approaches" });
    const add = approaches.getByRole("form", { name: "Add an approach" });
    await add.getByLabel("Approach").fill("Stream the CSV");
    await add.getByLabel("Pros").fill("Constant memory");
    await add.getByRole("button", { name: "Add approach" }).click();
    await expect(approaches.getByRole("listitem").filter({ hasText: "Stream the CSV" })).toBeVisible();
    await add.getByLabel("Approach").fill("Export in a background job");
    await add.getByLabel("Cons").fill("Needs a queue");
    await add.getByRole("button", { name: "Add approach" }).click();
    await approaches.getByRole("button", { name: "Choose Stream the CSV" }).click();
    await expect(approaches.getByRole("listitem").filter({ hasText: "Stream the CSV" })).toContainText("Chosen");
    await phases.getByRole("button", { name: /Implementation/ }).click();
    await expect(phases.getByRole("button", { name: /Implementation/ })).toHaveAttribute("aria-current", "step");

    // An interrupt in one keystroke (3: missing edge case), with the note typed first.
    const interrupts = page.getByRole("region", { name: "Interrupts" });
    await interrupts.getByLabel("Note for the next interrupt").fill("Forgot the empty export");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("3");
    await expect(interrupts.getByRole("list", { name: "Interrupts logged" })).toContainText("Missing edge case or error handling");
    await expect(interrupts.getByRole("list", { name: "Interrupts logged" })).toContainText("Forgot the empty export");

    // A review note, queued with N.
    await page.keyboard.press("n");
    await page.keyboard.type("Check the timeout on slow disks");
    await page.keyboard.press("Enter");
    const notes = page.getByRole("region", { name: "Review notes" });
    await expect(notes.getByRole("checkbox", { name: "Check the timeout on slow disks" })).not.toBeChecked();

    // Scans, mid-session, in both themes.
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });

    // The timer and everything gathered survive a reload.
    await page.waitForTimeout(1100);
    await page.reload();
    await expectHydrated(page.getByRole("button", { name: "Pause" }));
    await expect(page.getByRole("timer", { name: "Time in session" })).not.toHaveText("0:00");
    await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Moved to Implementation");
    await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Review note: Check the timeout on slow disks");

    await phases.getByRole("button", { name: /Refinement/ }).click();
    await expect(phases.getByRole("button", { name: /Refinement/ })).toHaveAttribute("aria-current", "step");
    // Finish warns while a note is open.
    await page.getByRole("button", { name: "Finish…" }).click();
    const finish = page.getByRole("dialog", { name: "Finish the session" });
    await expect(finish.getByRole("alert")).toContainText("1 review note is still open");
    await finish.getByRole("button", { name: "Cancel" }).click();
    await notes.getByRole("checkbox", { name: "Check the timeout on slow disks" }).check();
    await expect(notes).toContainText("0 open of 1");
    await page.getByRole("button", { name: "Finish…" }).click();
    await expect(finish.getByRole("alert")).toHaveCount(0);
    await finish.getByLabel("Outcome").fill("Stream the CSV; exports of 100k rows now finish in 4 s.");
    await finish.getByRole("button", { name: "Finish session" }).click();
    await expect(page.getByText("Finished", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("exports of 100k rows now finish in 4 s");
    await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);
  });
});

test.describe("the focus guard", () => {
  test.use({ storageState: storageState("admin") });

  test("starting a second session asks to pause or finish the first; the workspace shows who is in session on what", async ({ page }) => {
    const first = unique("Spike the search ranking");
    const second = unique("Explore the billing webhooks");
    await finishOpenSessions("admin");
    const firstKey = await leverageTask("admin", first);
    await leverageTask("admin", second);
    const started = await call("admin", "POST", "/api/w/acme/sessions", { taskKey: firstKey, previous: "pause" });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const firstId = (started.body as { session: { id: string } }).session.id;

    const board = new BoardPage(page);
    await board.goto();
    await expect(board.card(first)).toContainText("In session");
    const dialog = await board.open(second);
    await dialog.getByRole("button", { name: "Start session" }).click();
    const guard = page.getByRole("dialog", { name: "You are already in a session" });
    await expect(guard).toContainText(`Your session on ${firstKey}`);
    await guard.getByRole("button", { name: "Pause it and start" }).click();
    await expect(page.getByRole("heading", { name: second, level: 1 })).toBeVisible();

    const firstNow = await call("admin", "GET", `/api/w/acme/sessions/${firstId}`);
    expect(firstNow.body).toMatchObject({ session: { state: "paused" } });

    await page.goto("/w/acme/sessions");
    const rows = page.getByRole("row");
    await expect(rows.filter({ hasText: second })).toContainText("In session");
    await expect(rows.filter({ hasText: first })).toContainText("Paused");

    await finishOpenSessions("admin");
  });
});

test.describe("the AI side of a session", () => {
  test.use({ storageState: storageState("owner") });

  test("connect Claude Code from the session: its hook payloads appear on the timeline; another shape is a 400", async ({ page }) => {
    await finishOpenSessions("owner");
    const title = unique("Pair on the rate limiter");
    const taskKey = await leverageTask("owner", title);
    const started = await call("owner", "POST", "/api/w/acme/sessions", { taskKey, previous: "pause" });
    const id = (started.body as { session: { id: string } }).session.id;

    await page.goto(`/w/acme/sessions/${id}`);
    const ai = page.getByRole("region", { name: "AI assistant" });
    await expectHydrated(ai.getByRole("button", { name: "Connect Claude Code" }));
    await ai.getByRole("button", { name: "Connect Claude Code" }).click();
    const setup = ai.getByLabel("Token setup");
    await expect(setup).toContainText("export BATON_SESSION_TOKEN=bls_");
    await expect(ai.getByLabel("Hooks settings")).toContainText('"UserPromptSubmit"');
    await expect(ai.getByLabel("Hooks settings")).toContainText("/api/v1/session-hooks");
    const token = ((await setup.textContent()) ?? "").split("=")[1]?.trim() ?? "";

    // What Claude Code's HTTP hook sends.
    const post = (body: unknown) =>
      fetch(`${baseURL}/api/v1/session-hooks`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const common = { session_id: "4b1d2c3e-claude", transcript_path: "/tmp/t.jsonl", cwd: "/srv/app", permission_mode: "default" };
    expect((await post({ ...common, hook_event_name: "SessionStart", source: "startup" })).status).toBe(200);
    expect((await post({ ...common, hook_event_name: "UserPromptSubmit", prompt: "Why does the limiter let a burst of 40 through?" })).status).toBe(200);
    expect((await post({ ...common, hook_event_name: "Stop", stop_hook_active: false })).status).toBe(200);
    const wrong = await post({ ...common, hook_event_name: "PreToolUse", tool_name: "Bash" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { fields: { hook_event_name: [expect.stringContaining("SessionStart, UserPromptSubmit, Stop, SessionEnd")] } } });

    await page.reload();
    await expect(ai).toContainText("Linked · 1 prompt · 1 turn");
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline).toContainText("AI session started (startup)");
    await expect(timeline).toContainText("AI prompt: Why does the limiter let a burst of 40 through?");
    await expect(timeline).toContainText("AI finished its turn");
    await finishOpenSessions("owner");
  });
});
