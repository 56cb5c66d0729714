// The dashboard in the browser, on a workspace of its own whose every verdict the test made through
// the API: the figures it shows are checked against that data, the filters stay in the URL, and
// axe finds no serious violations in either theme.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { CHECKLIST_IDS } from "../../lib/review/rules";
import { baseURL, call, FIXTURE_DIFF } from "../support/http";
import { storageState } from "../support/users";

test.use({ storageState: storageState("owner") });

function ok<T>(result: { status: number; body: unknown }, status: number, what: string): T {
  expect(result.status, `${what}: ${JSON.stringify(result.body)}`).toBe(status);
  return result.body as T;
}

test("the loop figures match the verdicts given; the range and board stay in the URL", async ({ page }) => {
  test.slow();
  const slug = `dash-${randomBytes(4).toString("hex")}`;
  ok(await call("owner", "POST", "/api/workspaces", { name: `Dashboard ${slug}`, slug }), 201, "workspace");
  const agent = ok<{ agent: { id: string } }>(await call("owner", "POST", `/api/w/${slug}/agents`, { name: "Devin", kind: "devin" }), 201, "agent").agent;
  const token = ok<{ token: { token: string } }>(await call("owner", "POST", `/api/w/${slug}/agents/${agent.id}/tokens`, {}), 201, "token").token.token;
  const asAgent = (method: string, path: string, body?: unknown) =>
    fetch(`${baseURL}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  /** A delegated task through the loop: `loops` rounds of changes, then the verdict. */
  async function decided(title: string, loops: number, verdict: { verdict: "accept"; checklist: string[] } | { verdict: "reject"; reason: string; toLeverage: false }) {
    const task = ok<{ task: { key: string } }>(
      await call("owner", "POST", `/api/w/${slug}/tasks`, { boardKey: "MAIN", title, lane: "delegate", status: "ready", overDelegationReason: "E2E", gateOverrideReason: "E2E" }),
      201,
      "task",
    ).task;
    ok(await call("owner", "PUT", `/api/w/${slug}/tasks/${task.key}/agent`, { agentId: agent.id }), 200, "assign");
    for (let round = 0; round <= loops; round++) {
      expect((await asAgent("POST", `/api/v1/tasks/${task.key}/claim`)).status).toBe(200);
      const submitted = await asAgent("POST", `/api/v1/tasks/${task.key}/submissions`, { summary: `Try ${round + 1}`, diff: FIXTURE_DIFF });
      expect(submitted.status).toBe(201);
      const { submission } = (await submitted.json()) as { submission: { id: string } };
      const body = round < loops ? { verdict: "request_changes", summary: "Again, with tests." } : verdict;
      ok(await call("owner", "POST", `/api/w/${slug}/review/attempts/${submission.id}/verdict`, body), 201, "verdict");
    }
  }
  await decided("Accepted at once", 0, { verdict: "accept", checklist: [...CHECKLIST_IDS] });
  await decided("Accepted after a loop", 1, { verdict: "accept", checklist: [...CHECKLIST_IDS] });
  await decided("Rejected for its spec", 0, { verdict: "reject", reason: "unclear_spec", toLeverage: false });
  await decided("Accepted at once, too", 0, { verdict: "accept", checklist: [...CHECKLIST_IDS] });

  await page.goto(`/w/${slug}/dashboard`);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  // The reader's time zone joins the URL once the page's script runs.
  await expect(page).toHaveURL(/tz=/);
  const stat = (label: string) => page.getByLabel("Review loops at a glance").locator("div").filter({ has: page.getByText(label, { exact: true }) });
  await expect(stat("Delegated tasks decided")).toContainText("4");
  await expect(stat("First-pass acceptance")).toContainText("50%");
  await expect(stat("Accepted after loops")).toContainText("25%");
  await expect(stat("Rejected")).toContainText("25%");
  await expect(stat("Mean loops")).toContainText("0.25");
  const distribution = page.getByRole("region", { name: "Review loops per delegated task" });
  await expect(distribution.getByRole("row", { name: /Accepted after 0 loops/ })).toContainText("2");
  await expect(distribution.getByRole("row", { name: /Accepted after 1 loop/ })).toContainText("1");
  await expect(distribution.getByRole("row", { name: /Rejected/ })).toContainText("1");
  await expect(page.getByRole("region", { name: "Why work is rejected" }).getByRole("row", { name: /Unclear spec/ })).toContainText("100%");
  const byAgent = page.getByRole("table", { name: "By agent" });
  await expect(byAgent.getByRole("row", { name: /Devin/ })).toContainText("4");
  await expect(page.getByRole("table", { name: "By board" }).getByRole("row", { name: /MAIN · Main/ })).toContainText("50%");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), scheme).toEqual([]);
  }

  // A range with nothing in it says so, and the filters stay in the URL.
  const filters = page.getByRole("form", { name: "Dashboard filters" });
  await filters.getByLabel("From").fill("2020-01-01");
  await filters.getByLabel("To").fill("2020-01-31");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2020-01-01/);
  await expect(page.getByText("No delegated task was accepted or rejected in this range")).toBeVisible();
});
