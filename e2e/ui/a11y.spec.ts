import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { freshAttempt } from "../support/http";
import { storageState } from "../support/users";

test.use({ storageState: storageState("owner") });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test(`the board has no serious violations (${scheme})`, async ({ page }) => {
    test.slow(); // one scan, but of the whole board: every card is a button
    await page.emulateMedia({ colorScheme: scheme });
    await new BoardPage(page).goto();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`settings, the task view and its spec, attempts and triage have no serious violations (${scheme})`, async ({ page }) => {
    // Five full-page scans of pages the rest of the suite keeps filling (agents, tokens, tasks).
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/w/acme/settings");
    await expect(page.getByRole("region", { name: "Agents" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const board = new BoardPage(page);
    await board.goto();
    const dialog = await board.openTab("Fix off-by-one in invoice date range (diagnosed in WEB-12)", "Attempts");
    await expect(dialog.getByRole("navigation", { name: "Changed files" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("tab", { name: "Spec" }).click();
    await expect(dialog.getByRole("complementary", { name: "Spec lint" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("tab", { name: "Triage" }).click();
    await expect(dialog.getByRole("status").filter({ hasText: "Recommendation" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`the batch-review page has no serious violations (${scheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    // An attempt of its own with a diff, so the scan covers the spec, the diff and the verdict panel.
    const attempt = await freshAttempt(`Axe review ${scheme} ${Date.now()}`);
    await page.goto(`/w/acme/review?attempt=${attempt.submissionId}`);
    await expect(page.getByRole("heading", { name: "Batch review" })).toBeVisible();
    await expect(page.getByRole("article", { name: `Attempt 1 on ${attempt.key}` })).toBeVisible();
    await expect(page.getByRole("region", { name: "src/config/flags.ts" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
