// The GitHub round trip in the browser, against the loopback stand-in for GitHub's REST API
// (lib/test/github-stand-in.ts) — never the real network: an admin connects a workspace and links
// its board in Settings, a pull request is delivered, and its diff, fetched by the job on the
// server, shows on the review page; a spec's references are checked against the linked repository.
import { createHmac, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startGitHubStandIn, type GitHubStandIn } from "../../lib/test/github-stand-in";
import { BoardPage } from "../support/board-page";
import { baseURL, call } from "../support/http";
import { expectHydrated } from "../support/hydration";
import { storageState } from "../support/users";

test.use({ storageState: storageState("owner") });

const DIFF = [
  "diff --git a/src/invoices/export.ts b/src/invoices/export.ts",
  "index 1111111..2222222 100644",
  "--- a/src/invoices/export.ts",
  "+++ b/src/invoices/export.ts",
  "@@ -1,3 +1,3 @@",
  " export function exportRows(rows: Row[]) {",
  "-  return toCsv(rows);",
  "+  return toCsv(rows, { bom: true });",
  " }",
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

test("connect GitHub and link a board in Settings; a delivered pull request's diff is fetched, reviewed with two inline comments, and GitHub receives one review", async ({ page }) => {
  test.slow();
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
  await expect(attempt.getByText("return toCsv(rows, { bom: true });")).toBeVisible();

  // Request changes with two inline comments, with the keyboard, as in the batch review.
  await expectHydrated(page.getByRole("button", { name: /Keyboard shortcuts/ }));
  // "p" puts the cursor on the first file's first change (the file before the current, or the first).
  await page.keyboard.press("p");
  await page.keyboard.press("c");
  await page.getByRole("textbox", { name: /Comment on src\/invoices\/export.ts old line 2/ }).pressSequentially("Why did the plain export go?");
  await page.keyboard.press("Control+Enter");
  await expect(attempt.getByText("Why did the plain export go?")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Comment on / })).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("c");
  await page.getByRole("textbox", { name: /Comment on src\/invoices\/export.ts new line 2/ }).pressSequentially("Make the BOM an option.");
  await page.keyboard.press("Control+Enter");
  await expect(attempt.getByText("Make the BOM an option.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Comment on / })).toHaveCount(0);
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Request changes" });
  await dialog.getByLabel("Summary for the agent").pressSequentially("Keep the plain export; the BOM is opt-in.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText(`Changes requested ${task.task.key}`)).toBeVisible();

  // Once the undo window has passed (2 s in the tests), GitHub receives exactly one review.
  await expect.poll(() => github.reviews("acme", repo, 12).length, { timeout: 20_000 }).toBe(1);
  const [review] = github.reviews("acme", repo, 12);
  expect(review?.state).toBe("CHANGES_REQUESTED");
  expect(review?.body).toContain("Keep the plain export; the BOM is opt-in.");
  expect(review?.comments.map((c) => [c.path, c.line, c.side, c.body])).toEqual([
    ["src/invoices/export.ts", 2, "LEFT", "Why did the plain export go?"],
    ["src/invoices/export.ts", 2, "RIGHT", "Make the BOM an option."],
  ]);
  const attempts = ok<{ submissions: { review: { github: { status: string; url: string } | null } | null }[] }>(await call("owner", "GET", `/api/w/${slug}/tasks/${task.task.key}/submissions`), 200, "attempts");
  expect(attempts.submissions[0]?.review?.github).toMatchObject({ status: "posted", url: review?.html_url });
});

test("spec references are checked against the linked repository: a check mark for each found, a warning with the fix for each broken one", async ({ page }) => {
  const slug = `ghref-${randomBytes(4).toString("hex")}`;
  const repo = `app-${slug}`;
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `// ${i + 1}`).join("\n") + "\n";
  github.addRepo({ owner: "acme", name: repo, files: { "src/pagination.ts": lines(120), "src/pages/InvoicesPage.tsx": lines(90), "src/components/ExportButton.tsx": lines(30) } });
  ok(await call("owner", "POST", "/api/workspaces", { name: `References ${slug}`, slug }), 201, "workspace");
  ok(await call("owner", "PUT", `/api/w/${slug}/github`, { apiUrl: github.url, token: github.token }), 200, "connect");
  ok(await call("owner", "PUT", `/api/w/${slug}/boards/MAIN/repository`, { repository: `acme/${repo}` }), 200, "link");
  const title = "CSV export of the invoices";
  ok(await call("owner", "POST", `/api/w/${slug}/tasks`, { boardKey: "MAIN", title, lane: "delegate", overDelegationReason: "E2E" }), 201, "task");

  const board = new BoardPage(page);
  await board.goto(slug, "MAIN");
  const dialog = await board.openTab(title, "Spec");
  const editor = dialog.getByRole("textbox", { name: "Spec" });
  await editor.click();
  await page.keyboard.insertText(
    ["Task: Add CSV export to the invoices page", "Reference: follow ExportButton.tsx:12 for the existing export pattern", "Location: InvoicesPage.tsx:88 and src/pagination.ts:142", ""].join("\n"),
  );

  const references = dialog.getByRole("region", { name: "Code references" });
  await expect(references).toContainText(`1 of 3 need fixing in acme/${repo} at main`);
  await expect(references.getByRole("listitem").filter({ hasText: "InvoicesPage.tsx:88" })).toContainText("→ src/pages/InvoicesPage.tsx");
  await expect(references.getByRole("listitem").filter({ hasText: "src/pagination.ts:142" })).toContainText("“src/pagination.ts” has 120 lines; the spec points at 142.");
  // In the text: a mark after each reference.
  await expect(dialog.getByRole("img", { name: /^Reference checked: “ExportButton\.tsx”/ })).toBeVisible();
  await expect(dialog.getByRole("img", { name: /^Reference checked: “InvoicesPage\.tsx”/ })).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Broken reference: “src/pagination.ts” has 120 lines; the spec points at 142." })).toBeVisible();
  // Among the findings, with the fix; choosing it selects the reference in the text.
  const finding = dialog.getByRole("list", { name: "Findings" }).getByRole("button", { name: /has 120 lines; the spec points at 142/ });
  await expect(finding).toContainText("Point at the lines as they are at main (1–120)");
  await finding.click();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("src/pagination.ts:142");

  // Fixed, the warning goes.
  await page.keyboard.insertText("src/pagination.ts:42");
  await expect(references).toContainText(`All found in acme/${repo} at main`);
  await expect(dialog.getByRole("img", { name: /^Broken reference/ })).toHaveCount(0);
});
