// The GitHub round trip in the browser, against the loopback stand-in for GitHub's REST API
// (lib/test/github-stand-in.ts) — never the real network: an admin connects a workspace and links
// its board in Settings, a pull request is delivered, and its diff, fetched by the job on the
// server, shows on the review page.
import { createHmac, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startGitHubStandIn, type GitHubStandIn } from "../../lib/test/github-stand-in";
import { baseURL, call } from "../support/http";
import { storageState } from "../support/users";

test.use({ storageState: storageState("owner") });

const DIFF = [
  "diff --git a/src/invoices/export.ts b/src/invoices/export.ts",
  "index 1111111..2222222 100644",
  "--- a/src/invoices/export.ts",
  "+++ b/src/invoices/export.ts",
  "@@ -1,2 +1,3 @@",
  " export function exportRows(rows: Row[]) {",
  "+  if (rows.length === 0) return \"\";",
  "   return toCsv(rows);",
  "diff --git a/src/invoices/export.test.ts b/src/invoices/export.test.ts",
  "new file mode 100644",
  "index 0000000..3333333",
  "--- /dev/null",
  "+++ b/src/invoices/export.test.ts",
  "@@ -0,0 +1 @@",
  "+test(\"an empty export is empty\", () => expect(exportRows([])).toBe(\"\"));",
  "",
].join("\n");

let github: GitHubStandIn;
test.beforeAll(async () => {
  github = await startGitHubStandIn();
});
test.afterAll(async () => {
  await github.close();
});

function ok<T>(result: { status: number; body: unknown }, status: number, what: string): T {
  expect(result.status, `${what}: ${JSON.stringify(result.body)}`).toBe(status);
  return result.body as T;
}

test("connect GitHub and link a board in Settings; a delivered pull request's diff is fetched and reviewable", async ({ page }) => {
  const slug = `gh-${randomBytes(4).toString("hex")}`;
  const repo = `invoices-${slug}`;
  github.addRepo({ owner: "acme", name: repo, files: { "src/invoices/export.ts": "export function exportRows() {}\n" } });
  github.addPull("acme", repo, { number: 12, headRef: "main-1-csv-export", diff: DIFF });
  ok(await call("owner", "POST", "/api/workspaces", { name: `GitHub ${slug}`, slug }), 201, "workspace");

  await page.goto(`/w/${slug}/settings`);
  const panel = page.getByRole("region", { name: "GitHub", exact: true });
  const form = panel.getByRole("form", { name: "Connect GitHub" });
  // A refused token is said under the field, and nothing is stored.
  await form.getByRole("textbox", { name: "API address" }).fill(github.url);
  await form.getByLabel("Token").fill("ghp_not-a-token-github-knows");
  await form.getByRole("button", { name: "Connect GitHub" }).click();
  await expect(form.getByText("GitHub refused the token (401 Bad credentials)")).toBeVisible();
  await form.getByLabel("Token").fill(github.token);
  await form.getByRole("button", { name: "Connect GitHub" }).click();
  await expect(panel.getByText(`Connected as ${github.login}`)).toBeVisible();
  // The token never comes back.
  expect(await page.content()).not.toContain(github.token);

  const link = panel.getByRole("form", { name: "Repository of MAIN" });
  await link.getByRole("textbox").fill(`acme/${repo}-missing`);
  await link.getByRole("button", { name: "Link" }).click();
  await expect(link.getByText(`GitHub has no repository acme/${repo}-missing that the connected token can see.`)).toBeVisible();
  await link.getByRole("textbox").fill(`acme/${repo}`);
  await link.getByRole("button", { name: "Link" }).click();
  await expect(link.getByRole("button", { name: `Unlink MAIN from acme/${repo}` })).toBeVisible();

  // An agent's task, and the pull request it opened, delivered as GitHub sends it.
  const secret = randomBytes(24).toString("hex");
  ok(await call("owner", "PUT", `/api/w/${slug}/webhook-secret`, { secret }), 200, "secret");
  const agent = ok<{ agent: { id: string } }>(await call("owner", "POST", `/api/w/${slug}/agents`, { name: "Copilot", kind: "copilot" }), 201, "agent");
  const task = ok<{ task: { key: string } }>(
    await call("owner", "POST", `/api/w/${slug}/tasks`, { boardKey: "MAIN", title: "CSV export of the invoices", lane: "delegate", status: "ready", overDelegationReason: "E2E", gateOverrideReason: "E2E" }),
    201,
    "task",
  );
  ok(await call("owner", "PUT", `/api/w/${slug}/tasks/${task.task.key}/agent`, { agentId: agent.agent.id }), 200, "assign");
  const body = JSON.stringify({
    action: "opened",
    number: 12,
    pull_request: { html_url: `https://github.com/acme/${repo}/pull/12`, title: `${task.task.key} CSV export`, body: "Exports the filtered rows.", merged: false, head: { ref: "main-1-csv-export", sha: "a".repeat(40) }, user: { login: "Copilot" } },
    repository: { full_name: `acme/${repo}` },
  });
  const delivered = Date.now();
  const delivery = await fetch(`${baseURL}/api/webhooks/github/${slug}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": randomBytes(8).toString("hex"),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  expect(delivery.status).toBe(200);

  await page.goto(`/w/${slug}/review`);
  const attempt = page.getByRole("article", { name: `Attempt 1 on ${task.task.key}` });
  await expect(attempt).toBeVisible();
  await expect(attempt.getByText("src/invoices/export.test.ts").first()).toBeVisible({ timeout: 15_000 });
  console.log(`Pull request diff reviewable ${Date.now() - delivered} ms after the delivery`);
  await expect(attempt.getByText('if (rows.length === 0) return "";')).toBeVisible();
});
