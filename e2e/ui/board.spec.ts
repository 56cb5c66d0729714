import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { storageState } from "../support/users";

test.use({ storageState: storageState("member") });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test("the board shows both lanes, the untriaged strip and the demo tasks", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto();
  await expect(board.lane("Untriaged")).toBeVisible();
  await expect(board.lane("Leverage")).toBeVisible();
  await expect(board.cell("Delegate", "Done").getByRole("button", { name: /Remove the ENABLE_TOPICS_V2 feature flag/ })).toBeVisible();
  await expect(board.lane("Leverage").getByRole("button", { name: /Diagnose the checkout race condition/ })).toBeVisible();
});

test("add, edit and delete a task; each change survives a reload", async ({ page }) => {
  test.slow(); // eleven page loads and writes in one test
  const board = new BoardPage(page);
  const title = unique("Add rate limiting to the export endpoint");
  await board.goto();
  await board.addTask("Leverage", "Backlog", title);
  await page.reload();
  await expect(board.cell("Leverage", "Backlog").getByRole("button", { name: title })).toBeVisible();

  const dialog = await board.open(title);
  const renamed = `${title} (v2)`;
  await dialog.getByLabel("Title").fill(renamed);
  await dialog.getByRole("textbox", { name: "Description" }).fill("Limit to **10 exports** per minute.\n\n<script>window.__xss = 1</script>");
  await dialog.getByLabel("Labels").fill("api, perf");
  await dialog.getByLabel("Status").selectOption("ready");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(board.cell("Leverage", "Ready").getByRole("button", { name: renamed })).toBeVisible();

  await board.reload();
  const reopened = await board.open(renamed);
  await reopened.getByRole("tab", { name: "Preview" }).click();
  await expect(reopened.locator("strong", { hasText: "10 exports" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await reopened.getByRole("tab", { name: "History" }).click();
  await expect(reopened.getByRole("region", { name: "History" })).toContainText("edited");
  await reopened.getByRole("tab", { name: "Details" }).click();

  await reopened.getByRole("button", { name: "Delete" }).click();
  await expect(board.card(renamed)).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(board.cell("Leverage", "Ready").getByRole("button", { name: renamed })).toBeVisible();

  await (await board.open(renamed)).getByRole("button", { name: "Delete" }).click();
  await expect(board.card(renamed)).toHaveCount(0);
  await page.reload();
  await expect(board.lane("Delegate")).toBeVisible();
  await expect(board.card(renamed)).toHaveCount(0);
});

test("move a card with the pointer, and it stays moved after reload", async ({ page }) => {
  const board = new BoardPage(page);
  const title = unique("Drop the legacy CSV importer");
  await board.goto();
  await board.addTask("Untriaged", "Backlog", title);
  await board.dragWithPointer(title, "Leverage", "In progress");
  await expect(board.cell("Leverage", "In progress").getByRole("button", { name: title })).toBeVisible();
  await page.reload();
  await expect(board.cell("Leverage", "In progress").getByRole("button", { name: title })).toBeVisible();
});

test("move a card with the keyboard only", async ({ page }) => {
  const board = new BoardPage(page);
  const title = unique("Rename customerId to accountId");
  await board.goto();
  await board.addTask("Untriaged", "Backlog", title);
  const key = (await board.card(title).textContent())?.match(/[A-Z]+-\d+/)?.[0];
  expect(key).toBeTruthy();

  await page.getByRole("button", { name: `Move ${key}` }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByText(/is over Untriaged · Backlog|Picked up/)).toBeAttached();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/is over Untriaged · Ready/)).toBeAttached();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/is over Untriaged · In progress/)).toBeAttached();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByText(/is over Untriaged · Ready/)).toBeAttached();
  await page.keyboard.press("Space");
  await expect(board.cell("Untriaged", "Ready").getByRole("button", { name: title })).toBeVisible();
  await page.reload();
  await expect(board.cell("Untriaged", "Ready").getByRole("button", { name: title })).toBeVisible();
});

test("filters narrow the board and live in the URL", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto();
  await page.getByRole("searchbox", { name: "Filter by text" }).fill("checkout race");
  await expect(page).toHaveURL(/q=checkout\+race/);
  await expect(board.card("Diagnose the checkout race condition")).toBeVisible();
  await expect(board.card("Remove the ENABLE_TOPICS_V2 feature flag")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Filter by text" })).toHaveValue("checkout race");
  await expect(board.card("Remove the ENABLE_TOPICS_V2 feature flag")).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(board.card("Remove the ENABLE_TOPICS_V2 feature flag")).toBeVisible();
});

test("a stale edit gets a conflict message and overwrites nothing", async ({ page, browser }) => {
  const board = new BoardPage(page);
  const title = unique("Upgrade the date library");
  await board.goto();
  await board.addTask("Leverage", "Backlog", title);
  const mine = await board.open(title);

  // Someone else saves first, in another session.
  const other = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 1440, height: 900 } });
  const otherBoard = new BoardPage(await other.newPage());
  await otherBoard.goto();
  const theirs = await otherBoard.open(title);
  await theirs.getByLabel("Title").fill(`${title} (theirs)`);
  await theirs.getByRole("button", { name: "Save" }).click();
  await expect(otherBoard.page.getByRole("dialog")).toBeHidden();
  await other.close();

  await mine.getByLabel("Title").fill(`${title} (mine)`);
  await mine.getByRole("button", { name: "Save" }).click();
  await expect(mine.getByRole("alert").filter({ hasText: "changed while you were editing" })).toBeVisible();
  await board.goto();
  await expect(board.card(`${title} (theirs)`)).toBeVisible();
  await expect(board.card(`${title} (mine)`)).toHaveCount(0);
});

test("another user's move appears without reload", async ({ page, browser }) => {
  const board = new BoardPage(page);
  const title = unique("Cache the pricing table");
  await board.goto();
  await board.addTask("Leverage", "Backlog", title);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  const other = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 1440, height: 900 } });
  const otherBoard = new BoardPage(await other.newPage());
  await otherBoard.goto();
  await otherBoard.dragWithPointer(title, "Leverage", "Done");
  await expect(otherBoard.cell("Leverage", "Done").getByRole("button", { name: title })).toBeVisible();
  await other.close();

  await expect(board.cell("Leverage", "Done").getByRole("button", { name: title })).toBeVisible();
});
