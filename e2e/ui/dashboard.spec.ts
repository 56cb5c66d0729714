// The dashboard in the browser, on a workspace of its own whose every verdict the test made through
// the API: the figures it shows are checked against that data, the filters stay in the URL, and
// axe finds no serious violations in either theme.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
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
      const submitted = await asAgent("POST", `/api/v1/tasks/${task.key}/submissions`, { summary: `Try ${round + 1}`, diff: FIXTURE_DIFF, costUsd: 1.5, durationSeconds: 600 });
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

  // Accepted tasks cost $1.50 a try: (1.50 + 3.00 + 1.50) / 3 = $2.00 per accepted task, 1.3 tries.
  const costs = page.getByRole("region", { name: "Cost and time per accepted task" });
  await expect(costs.getByRole("row", { name: /Devin/ })).toContainText("$2.00");
  await expect(costs.getByRole("row", { name: /Devin/ })).toContainText("1.3");
  // Every verdict came a moment after its attempt; the flow section counts all five.
  await expect(page.getByLabel("Flow at a glance")).toContainText("5 verdicts");
  await expect(page.getByRole("region", { name: "Over-delegation and gate overrides" }).getByRole("row", { name: /Delegated against the triage/ })).toContainText("4");

  // The CSV behind the figures: one row per decided task, with the filters in its name.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^baton-${slug}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  expect(csv[0]).toMatch(/^task,title,board,agent,/);
  // The title is the second field; one with a comma comes quoted.
  expect(csv.slice(1).map((line) => /^[^,]+,("(?:[^"]|"")*"|[^,]*),/.exec(line)?.[1]).sort()).toEqual(['"Accepted at once, too"', "Accepted after a loop", "Accepted at once", "Rejected for its spec"]);
  expect(csv.find((line) => line.includes("Rejected for its spec"))).toContain(",rejected,unclear_spec,");

  // The same figures from the metrics API, with a metrics token; the agent's own token may not.
  const metricsToken = ok<{ token: { token: string } }>(await call("owner", "POST", `/api/w/${slug}/agents/${agent.id}/tokens`, { access: "read_metrics" }), 201, "metrics token").token.token;
  const metrics = await fetch(`${baseURL}/api/v1/metrics?groupBy=agent`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(metrics.status).toBe(200);
  const body = (await metrics.json()) as { groups: { name: string; outcomes: number }[]; figures: { loops: { outcomes: number; firstPass: number } } };
  expect(body.figures.loops).toMatchObject({ outcomes: 4, firstPass: 2 });
  expect(body.groups).toEqual([expect.objectContaining({ name: "Devin", outcomes: 4 })]);
  expect((await asAgent("GET", "/api/v1/metrics")).status).toBe(403);

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
