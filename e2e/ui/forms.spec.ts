import { expect, test } from "@playwright/test";
import { call } from "../support/http";
import { expectHydrated } from "../support/hydration";
import { storageState } from "../support/users";

// The small forms (new board, spec threshold): a refused value is explained under its own field
// and changes nothing; a good one takes effect.
test.use({ storageState: storageState("owner") });

test("a new board: a bad key is explained under its field, a good one opens the empty board", async ({ page }) => {
  await page.goto("/w/acme");
  const form = page.getByRole("complementary").filter({ has: page.getByRole("heading", { name: "New board" }) });
  await expectHydrated(form.getByRole("button", { name: "Create board" }));
  await form.getByLabel("Board name").fill("Mobile app");
  await form.getByLabel("Key prefix").fill("9x");
  await form.getByRole("button", { name: "Create board" }).click();
  await expect(form.getByLabel("Key prefix")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Use 2–10 capital letters or digits")).toBeVisible();
  await expect(page).toHaveURL(/\/w\/acme$/);

  const key = `M${Date.now().toString(36).toUpperCase().slice(-6)}`;
  await form.getByLabel("Key prefix").fill(key);
  await form.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/acme/b/${key}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Mobile app");
  await expect(page.getByText("This board is empty.")).toBeVisible();
});

test("the spec threshold: out of range is refused under its field and nothing changes", async ({ page }) => {
  await page.goto("/w/acme/settings");
  const threshold = page.getByLabel("Spec threshold (0–100)");
  await expect(threshold).toHaveValue("70");
  await expectHydrated(page.getByRole("button", { name: "Save threshold" }));
  await threshold.fill("150");
  await page.getByRole("button", { name: "Save threshold" }).click();
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use 0–100.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Spec threshold (0–100)")).toHaveValue("70");
  await expectHydrated(page.getByRole("button", { name: "Save threshold" }));
  await page.getByRole("button", { name: "Save threshold" }).click();
  await expect(page.getByText("Spec threshold saved")).toBeVisible();
});

test("the settings: a save based on settings someone changed meanwhile is refused, explained, and the page shows theirs", async ({ page }) => {
  // A workspace of its own, so that changing its settings disturbs no other test.
  const slug = `settings-${Date.now().toString(36)}`;
  expect((await call("owner", "POST", "/api/workspaces", { name: "Settings race", slug })).status).toBe(201);
  await page.goto(`/w/${slug}/settings`);
  const threshold = page.getByLabel("Spec threshold (0–100)");
  await expect(threshold).toHaveValue("70");
  await expectHydrated(page.getByRole("button", { name: "Save threshold" }));

  // Another admin saves while this page is open.
  const theirs = await call("owner", "PATCH", `/api/w/${slug}/settings`, { specThreshold: 55, version: 1 });
  expect(theirs.status).toBe(200);

  await threshold.fill("80");
  await page.getByRole("button", { name: "Save threshold" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone changed the settings while you were editing: the page now shows their values." })).toBeVisible();
  await expect(threshold).toHaveValue("55");
  expect(((await call("owner", "GET", `/api/w/${slug}/settings`)).body as { settings: unknown }).settings).toMatchObject({ specThreshold: 55, version: 2 });

  // The refreshed page carries the new version: saving again works and clears the message.
  await threshold.fill("80");
  await page.getByRole("button", { name: "Save threshold" }).click();
  await expect(page.getByText("Spec threshold saved")).toBeVisible();
  await expect(page.getByText("Someone changed the settings while you were editing")).toHaveCount(0);
  expect(((await call("owner", "GET", `/api/w/${slug}/settings`)).body as { settings: unknown }).settings).toMatchObject({ specThreshold: 80, version: 3 });
});
