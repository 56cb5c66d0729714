import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { DEMO_PASSWORD, storageState } from "../support/users";
import { expectHydrated } from "../support/hydration";

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees the board but can change nothing", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    await expect(page.getByText("You have view-only access")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add task/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
    await board.card("Remove the ENABLE_TOPICS_V2 feature flag").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Title")).toBeDisabled();
    await expect(dialog.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Delete" })).toHaveCount(0);

    // The server refuses too, whatever the UI shows.
    const response = await page.request.post("/api/w/acme/tasks", { data: { boardKey: "WEB", title: "Viewer was here" } });
    expect(response.status()).toBe(403);
  });
});

test.describe("as a Globex user", () => {
  test.use({ storageState: storageState("outsider") });

  test("Acme's pages are not found", async ({ page }) => {
    for (const path of ["/w/acme", "/w/acme/b/WEB", "/w/acme/settings"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByText("Remove the ENABLE_TOPICS_V2")).toHaveCount(0);
    }
  });
});

test.describe("signed out", () => {
  test("visitors are sent to sign in, and come back afterwards", async ({ page }) => {
    await page.goto("/w/acme/b/WEB");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await expectHydrated(page.getByRole("button", { name: "Sign in" }));
    await page.getByLabel("Email").fill("member@demo.test");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/w\/acme\/b\/WEB$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign up, create a workspace, invite someone, and they join", async ({ page, browser }) => {
    test.slow(); // two people, two accounts, six pages
    const id = Date.now().toString(36);
    await page.goto("/signup");
    await expectHydrated(page.getByRole("button", { name: "Create account" }));
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await page.getByLabel("Name").fill("Nadia New");
    await page.getByLabel("Email").fill(`nadia-${id}@example.test`);
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
    await expect(page.getByText("You are not in a workspace yet")).toBeVisible();

    await page.getByLabel("Workspace name").fill(`Nadia's team ${id}`);
    await page.getByRole("button", { name: "Create workspace" }).click();
    const board = new BoardPage(page);
    await expect(board.lane("Delegate")).toBeVisible();
    await expect(page.getByText("This board is empty")).toBeVisible();
    const slug = new URL(page.url()).pathname.split("/")[2];

    await page.goto(`/w/${slug}/settings`);
    await expectHydrated(page.getByRole("button", { name: "Create invitation link" }));
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toContain("/invite/");

    const guest = await browser.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto(link);
    await expect(guestPage).toHaveURL(/\/signin/);
    await guestPage.getByRole("link", { name: "Create an account" }).click();
    await guestPage.getByLabel("Name").fill("Gus Guest");
    await guestPage.getByLabel("Email").fill(`gus-${id}@example.test`);
    await guestPage.getByLabel("Password").fill("another-long-password");
    await guestPage.getByRole("button", { name: "Create account" }).click();
    await guestPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect(guestPage.getByRole("navigation", { name: "Workspace" })).toContainText("member");
    await guest.close();
  });
});
