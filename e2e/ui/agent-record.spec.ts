// The agents' record on similar work, in the task view of a delegate task, on a workspace of its
// own whose every verdict the test made through the API: the figures are checked against that
// data, they follow the task's labels, the empty states say why, and axe finds no serious
// violations in either theme.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { CHECKLIST_IDS } from "../../lib/review/rules";
import { BoardPage } from "../support/board-page";
import { baseURL, call, FIXTURE_DIFF } from "../support/http";
import { storageState } from "../support/users";

test.use({ storageState: storageState("owner") });

function ok<T>(result: { status: number; body: unknown }, status: number, what: string): T {
  expect(result.status, `${what}: ${JSON.stringify(result.body)}`).toBe(status);
  return result.body as T;
}

test("a delegate task shows each agent's record on tasks with its labels, best first", async ({ page }) => {
  test.slow(); // a workspace, two agents and seven tasks through the review loop, then the browser
  const slug = `record-${randomBytes(4).toString("hex")}`;
  ok(await call("owner", "POST", "/api/workspaces", { name: `Record ${slug}`, slug }), 201, "workspace");

  async function agent(name: string, kind: string) {
    const { id } = ok<{ agent: { id: string } }>(await call("owner", "POST", `/api/w/${slug}/agents`, { name, kind }), 201, "agent").agent;
    const token = ok<{ token: { token: string } }>(await call("owner", "POST", `/api/w/${slug}/agents/${id}/tokens`, {}), 201, "token").token.token;
    const as = (method: string, path: string, body?: unknown) =>
      fetch(`${baseURL}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { id, as };
  }
  const ada = await agent("Ada", "devin");
  const bob = await agent("Bob", "codex");

  async function task(title: string, labels: string[]) {
    const body = { boardKey: "MAIN", title, lane: "delegate", status: "ready", labels, overDelegationReason: "E2E", gateOverrideReason: "E2E" };
    return ok<{ task: { key: string } }>(await call("owner", "POST", `/api/w/${slug}/tasks`, body), 201, "task").task.key;
  }

  /** A task through the loop by `who`: one attempt per cost (dollars), changes requested on all but the last. */
  async function decided(who: typeof ada, labels: string[], costs: number[], verdict: "accept" | "reject") {
    const key = await task(`Decided ${randomBytes(3).toString("hex")}`, labels);
    ok(await call("owner", "PUT", `/api/w/${slug}/tasks/${key}/agent`, { agentId: who.id }), 200, "assign");
    for (const [round, costUsd] of costs.entries()) {
      expect((await who.as("POST", `/api/v1/tasks/${key}/claim`)).status).toBe(200);
      const submitted = await who.as("POST", `/api/v1/tasks/${key}/submissions`, { summary: `Try ${round + 1}`, diff: FIXTURE_DIFF, costUsd });
      expect(submitted.status).toBe(201);
      const { submission } = (await submitted.json()) as { submission: { id: string } };
      const body =
        round < costs.length - 1
          ? { verdict: "request_changes", summary: "Again, with tests." }
          : verdict === "accept"
            ? { verdict: "accept", checklist: [...CHECKLIST_IDS] }
            : { verdict: "reject", reason: "too_complex", toLeverage: false };
      ok(await call("owner", "POST", `/api/w/${slug}/review/attempts/${submission.id}/verdict`, body), 201, "verdict");
    }
  }
  // Ada on billing work: two at once ($1.50, $2.50) and one after a loop ($1 + $1).
  await decided(ada, ["billing"], [1.5], "accept");
  await decided(ada, ["billing", "api"], [2.5], "accept");
  await decided(ada, ["billing"], [1, 1], "accept");
  // Bob on billing work: one at once ($3), one rejected; on frontend work, one at once ($4).
  await decided(bob, ["billing"], [3], "accept");
  await decided(bob, ["billing"], [0.5], "reject");
  await decided(bob, ["frontend"], [4], "accept");
  const title = "Retry failed invoice webhooks";
  await task(title, ["billing"]);
  await task("Untagged chore", []);

  const board = new BoardPage(page);
  await board.goto(slug, "MAIN");
  let dialog = await board.open(title);
  const record = dialog.getByRole("table", { name: "Record on similar work" });
  await expect(dialog.getByText("Other tasks with the label billing.")).toBeVisible();
  const rows = record.getByRole("row");
  // The header, then Ada (2 of 3 at once) above Bob (1 of 2).
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Ada");
  const adaRow = record.getByRole("row", { name: /Ada/ });
  await expect(adaRow.getByRole("cell")).toHaveText(["3", "2 of 3 · 67%", "0.33", "$2.00"]);
  await expect(adaRow).toContainText("Best record");
  const bobRow = record.getByRole("row", { name: /Bob/ });
  await expect(bobRow.getByRole("cell")).toHaveText(["2", "1 of 2 · 50%", "0.00", "$3.00"]);
  await expect(bobRow).not.toContainText("Best record");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), scheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  // New labels, new similar work: only Bob has decided frontend work, on one task (too few for "Best").
  await dialog.getByLabel("Labels").fill("frontend");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  dialog = await board.open(title);
  await expect(dialog.getByText("Other tasks with the label frontend.")).toBeVisible();
  await expect(record.getByRole("row", { name: /Bob/ }).getByRole("cell")).toHaveText(["1", "1 of 1 · 100%", "0.00", "$4.00"]);
  await expect(record.getByRole("row", { name: /Ada/ }).getByRole("cell")).toHaveText(["0", "–", "–", "–"]);
  await expect(record).not.toContainText("Best record");

  // Labels nothing decided has: said so; no labels and no template: said how to get a record.
  await dialog.getByLabel("Labels").fill("payments");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  dialog = await board.open(title);
  await expect(dialog.getByText("Other tasks with the label payments. No similar task has been decided yet.")).toBeVisible();
  await page.keyboard.press("Escape");
  dialog = await board.open("Untagged chore");
  await expect(dialog.getByText("Add labels or start the spec from a template to see agents' records on similar work.")).toBeVisible();
  await expect(dialog.getByRole("table", { name: "Record on similar work" })).toHaveCount(0);
});
