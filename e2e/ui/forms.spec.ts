import { expect, test } from "@playwright/test";
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
