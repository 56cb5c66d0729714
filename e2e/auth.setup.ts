// Signs in each demo user once through the real sign-in form and saves the session for the
// other projects.
import { expect, test as setup } from "@playwright/test";
import { ACTORS, DEMO_PASSWORD, DEMO_USERS, storageState } from "./support/users";
import { expectHydrated } from "./support/hydration";

for (const actor of ACTORS) {
  setup(`sign in as ${actor}`, async ({ page }) => {
    await page.goto("/signin");
    await expectHydrated(page.getByRole("button", { name: "Sign in" }));
    await page.getByLabel("Email").fill(DEMO_USERS[actor].email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
    await page.context().storageState({ path: storageState(actor) });
  });
}
