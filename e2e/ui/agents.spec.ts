import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { baseURL, FIXTURE_DIFF } from "../support/http";
import { storageState } from "../support/users";
import { expectHydrated } from "../support/hydration";

test.use({ storageState: storageState("owner") });


test("register an agent, give it a token, and its submission arrives live on the board", async ({ page }) => {
  test.slow(); // settings, the board, the task view and the agent API in one flow
  const id = Date.now().toString(36);
  const agentName = `E2E Bot ${id}`;
  await page.goto("/w/acme/settings");
  const agents = page.getByRole("region", { name: "Agents" });
  await expectHydrated(agents.getByRole("button", { name: "Register agent" }));
  await agents.getByLabel("Agent name").fill(agentName);
  await agents.getByLabel("Kind").selectOption("claude_code");
  await agents.getByRole("button", { name: "Register agent" }).click();
  await agents.getByRole("button", { name: `Create token for ${agentName}` }).click();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^bat_[0-9A-Za-z]{32}$/);
  await expect(agents.getByRole("table", { name: `Tokens of ${agentName}` })).toContainText(token.slice(0, 12));
  await expect(agents.getByRole("table", { name: `Tokens of ${agentName}` })).not.toContainText(token.slice(12));

  const board = new BoardPage(page);
  const title = `Remove the ENABLE_TOPICS_V2 flag ${id}`;
  await board.goto();
  await board.addTask("Delegate", "Ready", title);
  const dialog = await board.open(title);
  await dialog.getByLabel("Agent").selectOption({ label: `${agentName} (Claude Code)` });
  await expect(page.getByText(/assigned to E2E Bot/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(board.card(title)).toContainText(agentName);
  const key = (await board.card(title).textContent())?.match(/WEB-\d+/)?.[0];
  expect(key).toBeTruthy();

  // The agent works through the REST API with its token; the board is not reloaded. (How fast the
  // board hears of it is measured by `npm run bench`, "Live update", not asserted here.)
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const list = await fetch(`${baseURL}/api/v1/tasks`, { headers });
  expect((await list.json()) as unknown).toMatchObject({ tasks: [expect.objectContaining({ key, title })] });
  expect((await fetch(`${baseURL}/api/v1/tasks/${key}/claim`, { method: "POST", headers })).status).toBe(200);
  await expect(board.cell("Delegate", "In progress").getByRole("button", { name: title })).toBeVisible();
  const submitted = await fetch(`${baseURL}/api/v1/tasks/${key}/submissions`, {
    method: "POST",
    headers: { ...headers, "idempotency-key": `e2e-${id}` },
    body: JSON.stringify({ summary: "Removed the flag and the v1 code path.", branch: `web-remove-topics-v2-${id}`, diff: FIXTURE_DIFF, checks: { status: "passed" } }),
  });
  expect(submitted.status).toBe(201);
  const card = board.cell("Delegate", "In review").getByRole("button", { name: title });
  await expect(card).toBeVisible();
  await expect(card).toContainText("in review · attempt 1");

  await card.click();
  const attempts = page.getByRole("dialog");
  await expect(attempts.getByRole("tab", { name: /Attempts/ })).toHaveAttribute("aria-selected", "true");
  await expect(attempts.getByRole("article", { name: "Attempt 1" })).toContainText("Removed the flag and the v1 code path.");
  await expect(attempts.getByRole("navigation", { name: "Changed files" })).toContainText("src/config/flags.ts");
  await expect(attempts.getByRole("region", { name: "src/config/flags.ts" })).toContainText("ENABLE_TOPICS_V2");

  // Revoking the token in settings refuses the agent's very next request.
  await page.goto("/w/acme/settings");
  await expectHydrated(page.getByRole("button", { name: `Revoke ${token.slice(0, 12)}` }));
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke ${token.slice(0, 12)}` }).click();
  await expect(page.getByRole("table", { name: `Tokens of ${agentName}` })).toContainText("revoked");
  expect((await fetch(`${baseURL}/api/v1/tasks`, { headers })).status).toBe(401);
});
