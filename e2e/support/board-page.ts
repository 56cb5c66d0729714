// Page object for the board: everything found by role and accessible name.
import { expect, type Locator, type Page } from "@playwright/test";

export type LaneName = "Untriaged" | "Delegate" | "Leverage";
export type StatusName = "Backlog" | "Ready" | "In progress" | "In review" | "Done";

export class BoardPage {
  constructor(readonly page: Page) {}

  async goto(workspace = "acme", board = "WEB") {
    await this.page.goto(`/w/${workspace}/b/${board}`);
    await expect(this.lane("Delegate")).toBeVisible();
    // "Live" is set by the page's script once it runs: before that (hydration on a slow machine)
    // a click on "Add task" would do nothing.
    await expect(this.page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
  }

  /** Reloads the board and waits, as `goto` does, until it can be used. */
  async reload() {
    await this.page.reload();
    await expect(this.lane("Delegate")).toBeVisible();
    await expect(this.page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
  }

  lane(name: LaneName): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  cell(lane: LaneName, status: StatusName): Locator {
    return this.page.getByRole("list", { name: `${lane} · ${status}`, exact: true });
  }

  card(title: string): Locator {
    return this.page.getByRole("button", { name: title });
  }

  /** Quick add. In the Delegate lane the server asks why (no triage yet): `reason` answers it. */
  async addTask(lane: LaneName, status: StatusName, title: string, reason = "Fixture for an end-to-end test") {
    await this.page.getByRole("button", { name: `Add task to ${lane} · ${status}` }).click();
    const input = this.page.getByRole("textbox", { name: `New task title in ${lane} · ${status}` });
    await input.fill(title);
    await input.press("Enter");
    if (lane === "Delegate") await this.giveReasons(reason);
    await expect(this.cell(lane, status).getByRole("button", { name: title })).toBeVisible();
    await input.press("Escape");
  }

  /** Answers the "A reason is needed" dialog: every reason field gets `reason`. */
  async giveReasons(reason: string) {
    const dialog = this.page.getByRole("dialog", { name: "A reason is needed" });
    await expect(dialog).toBeVisible();
    for (const field of await dialog.getByRole("textbox").all()) await field.fill(reason);
    await dialog.getByRole("button", { name: "Record reason and continue" }).click();
    await expect(dialog).toBeHidden();
  }

  async openTab(title: string, tab: "Details" | "Triage" | "Spec" | "Brief" | "Revisions" | "Attempts" | "History") {
    const dialog = await this.open(title);
    await dialog.getByRole("tab", { name: tab }).click();
    return dialog;
  }

  async open(title: string) {
    await this.card(title).click();
    const dialog = this.page.getByRole("dialog");
    // Work in review opens on its attempts; everything else on the details form.
    await expect(dialog.getByRole("tablist", { name: "Task sections" })).toBeVisible();
    return dialog;
  }

  /**
   * Drags a card with the mouse onto a cell, as a person watching the board would: it checks the
   * board's live announcements that it picked up the right card and is over the right cell before
   * letting go. Other people's cards arriving can shift the board between aiming and pressing.
   */
  async dragWithPointer(title: string, lane: LaneName, status: StatusName) {
    const source = this.card(title);
    const target = this.cell(lane, status);
    const mouse = this.page.mouse;
    // dnd-kit's live region (role "status"): "Picked up …", "… is over <cell>, position …".
    const announcement = this.page.locator('[id^="DndLiveRegion-"]');
    // Once a drag starts, the announcements name the card being dragged ("Dropped …" is the last one).
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const dragging = new RegExp(`^(Picked up .*${escaped}|.*${escaped} is (no longer )?over)`);
    const pickedUp = () =>
      expect(announcement)
        .toHaveText(dragging, { timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    for (let attempt = 0; ; attempt++) {
      await source.scrollIntoViewIfNeeded();
      const from = await source.boundingBox();
      if (!from) throw new Error("card not visible");
      await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await mouse.down();
      await mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
      if (await pickedUp()) break;
      await this.page.keyboard.press("Escape"); // the wrong card, or none: put it back and aim again
      await mouse.up();
      if (attempt === 2) throw new Error(`could not pick up "${title}"`);
    }
    // On a long board the target may be off screen: scroll it in mid-drag, as a person would.
    await target.scrollIntoViewIfNeeded();
    // Aim inside the middle of the window: near its edges the board scrolls by itself (auto-scroll).
    const height = this.page.viewportSize()?.height ?? 900;
    const [safeTop, safeBottom] = [height * 0.3, height * 0.7];
    const over = `over ${lane} · ${status},`;
    for (let pass = 0; pass < 4; pass++) {
      const to = await target.boundingBox();
      if (!to) throw new Error("cell not visible");
      const top = Math.max(to.y, safeTop);
      const bottom = Math.min(to.y + to.height, safeBottom);
      const y = bottom > top ? top + Math.min((bottom - top) / 2, 40) : to.y + Math.min(to.height / 2, 40);
      await mouse.move(to.x + to.width / 2, y, { steps: pass === 0 ? 15 : 3 });
      if ((await announcement.textContent())?.includes(over)) break;
    }
    await expect(announcement).toContainText(over);
    await mouse.up();
  }
}
