import { expect, test, type Page } from "@playwright/test";
import { FILLED_EXAMPLES } from "../../lib/spec/templates";
import { BoardPage } from "../support/board-page";
import { storageState } from "../support/users";

test.use({ storageState: storageState("member") });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const DELEGATE_QUESTIONS = [
  "I know exactly what needs to be done",
  "I can give clear examples or references",
  "The approach is obvious",
  "Success criteria are well defined",
  "The task is self-contained",
];

/** Replaces the editor's whole text, as a person pasting a finished spec would. */
async function replaceSpec(page: Page, text: string) {
  const editor = page.getByRole("textbox", { name: "Spec" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

test("triage a task and see the recommendation follow the answers", async ({ page }) => {
  const board = new BoardPage(page);
  const title = unique("Migrate the avatar uploads to signed URLs");
  await board.goto();
  await board.addTask("Untriaged", "Backlog", title);
  const dialog = await board.openTab(title, "Triage");
  const recommendation = dialog.getByRole("status").filter({ hasText: "Recommendation" });
  await expect(recommendation).toContainText("Not yet clear");
  for (const question of DELEGATE_QUESTIONS) await dialog.getByRole("checkbox", { name: question }).check();
  await expect(recommendation).toContainText("Recommendation: Delegate");
  await dialog.getByRole("checkbox", { name: "The problem needs diagnosis first" }).check();
  await expect(recommendation).toContainText("Recommendation: Leverage");
  await expect(dialog.getByText("Saving…")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(board.card(title)).toContainText("Triage: leverage");
  await page.reload();
  await expect(board.card(title)).toContainText("Triage: leverage");
});

test("write a spec from a template until it passes the gate, then move it to Ready", async ({ page }) => {
  test.slow(); // a whole workflow: triage, two autosaves, a drag, revisions
  const board = new BoardPage(page);
  const title = unique("Remove the ENABLE_TOPICS_V2 flag from search");
  await board.goto();
  await board.addTask("Untriaged", "Backlog", title);

  // Triaged as delegate work, it moves into the Delegate lane without any reason asked.
  let dialog = await board.openTab(title, "Triage");
  for (const question of DELEGATE_QUESTIONS) await dialog.getByRole("checkbox", { name: question }).check();
  await expect(dialog.getByRole("status").filter({ hasText: "Recommendation" })).toContainText("Delegate");
  await dialog.getByRole("tab", { name: "Details" }).click();
  await dialog.getByLabel("Lane").selectOption("delegate");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(board.cell("Delegate", "Backlog").getByRole("button", { name: title })).toBeVisible();

  dialog = await board.openTab(title, "Spec");
  await dialog.getByRole("combobox", { name: "Template" }).selectOption({ label: "Feature flag removal" });
  await dialog.getByRole("button", { name: "Use template" }).click();
  const lint = dialog.getByRole("complementary", { name: "Spec lint" });
  await expect(lint.getByRole("heading", { name: /Spec score \d+\/100/ })).toBeVisible();
  const templateScore = Number((await lint.getByRole("heading").textContent())?.match(/(\d+)\/100/)?.[1]);
  expect(templateScore).toBeLessThan(70);
  await expect(lint.getByText("unfilled-placeholder").first()).toBeVisible();
  await expect(dialog.getByText(/Saved · revision 1/)).toBeVisible({ timeout: 10_000 });

  await replaceSpec(page, FILLED_EXAMPLES["feature-flag-removal"]);
  await expect(lint.getByRole("heading", { name: "Spec score 100/100" })).toBeVisible();
  await expect(dialog.getByText(/Saved · revision 2/)).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press("Escape");
  await expect(board.card(title)).toContainText("Spec 100/100");

  await board.dragWithPointer(title, "Delegate", "Ready");
  await expect(board.cell("Delegate", "Ready").getByRole("button", { name: title })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "A reason is needed" })).toHaveCount(0);
  await board.reload();
  await expect(board.cell("Delegate", "Ready").getByRole("button", { name: title })).toBeVisible();

  // Revisions: the template draft and the finished spec, compared and restorable.
  dialog = await board.openTab(title, "Revisions");
  await expect(dialog.getByRole("table", { name: "Spec revisions" }).getByRole("row")).toHaveCount(3);
  await expect(dialog.getByRole("figure")).toContainText("added");
  await dialog.getByRole("button", { name: "Restore revision 1" }).click();
  await expect(page.getByText("Restored revision 1 as revision 3")).toBeVisible();
});

test("a weak spec is refused at Ready, goes back, and can pass with a recorded reason", async ({ page }) => {
  const board = new BoardPage(page);
  const title = unique("Make the dashboard faster");
  await board.goto();
  await board.addTask("Delegate", "Backlog", title, "Capturing it before triage");

  await board.dragWithPointer(title, "Delegate", "Ready");
  const prompt = page.getByRole("dialog", { name: "A reason is needed" });
  await expect(prompt).toContainText("below this workspace’s threshold of 70");
  await prompt.getByRole("button", { name: "Cancel" }).click();
  await expect(board.cell("Delegate", "Backlog").getByRole("button", { name: title })).toBeVisible();
  await expect(board.cell("Delegate", "Ready").getByRole("button", { name: title })).toHaveCount(0);

  await board.dragWithPointer(title, "Delegate", "Ready");
  await board.giveReasons("Hotfix agreed with the on-call lead");
  await expect(board.cell("Delegate", "Ready").getByRole("button", { name: title })).toBeVisible();
  const dialog = await board.openTab(title, "History");
  await expect(dialog.getByRole("region", { name: "History" })).toContainText("overrode the readiness gate: “Hotfix agreed with the on-call lead”");
  await expect(dialog.getByRole("region", { name: "History" })).toContainText("delegated it against the triage: “Capturing it before triage”");
});

test("two people editing one spec: the later save is refused and both versions are shown", async ({ page, browser }) => {
  const board = new BoardPage(page);
  const title = unique("Document the webhook retry policy");
  await board.goto();
  await board.addTask("Leverage", "Backlog", title);
  const mine = await board.openTab(title, "Brief");
  await expect(mine.getByText("Nothing saved yet")).toBeVisible();

  const other = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 1440, height: 900 } });
  const otherPage = await other.newPage();
  const otherBoard = new BoardPage(otherPage);
  await otherBoard.goto();
  const theirs = await otherBoard.openTab(title, "Brief");
  await otherPage.getByRole("textbox", { name: "Brief" }).click();
  await otherPage.keyboard.insertText("## Outcome\nTheir brief.");
  await expect(theirs.getByText(/Saved · revision 1/)).toBeVisible({ timeout: 10_000 });
  await other.close();

  await page.getByRole("textbox", { name: "Brief" }).click();
  await page.keyboard.insertText("## Outcome\nMy brief.");
  await expect(mine.getByText("Not saved: conflict")).toBeVisible({ timeout: 10_000 });
  await expect(mine.getByRole("alert")).toContainText("saved revision 1 while you were editing");
  await mine.getByRole("button", { name: "Compare both versions" }).click();
  await expect(mine.getByRole("figure")).toContainText("Their brief.");
  await expect(mine.getByRole("figure")).toContainText("My brief.");
  await mine.getByRole("button", { name: "Keep mine" }).click();
  await expect(mine.getByText(/Saved · revision 2/)).toBeVisible({ timeout: 10_000 });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("the spec, triage and templates are read-only", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    const dialog = await board.openTab("Add dark mode to the settings page", "Spec");
    await expect(page.getByRole("textbox", { name: "Spec" })).toHaveAttribute("contenteditable", "false");
    await expect(dialog.getByRole("button", { name: "Use template" })).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Copy as agent prompt" })).toBeVisible();
    await dialog.getByRole("tab", { name: "Triage" }).click();
    for (const box of await dialog.getByRole("checkbox").all()) await expect(box).toBeDisabled();
    const response = await page.request.put("/api/w/acme/tasks/WEB-1/spec", { data: { markdown: "x", baseRevision: 0 } });
    expect(response.status()).toBe(403);
  });
});
