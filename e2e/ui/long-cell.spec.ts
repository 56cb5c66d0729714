// A long cell: 120 cards in one lane × status. The cell scrolls on its own and renders only the
// cards in and near its visible part (lib/board/components/board-cell.tsx); scrolling brings the
// rest, keyboard moves still work, a card added at its end comes into view, another client's move
// is patched in, and the board stays accessible.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { call } from "../support/http";
import { storageState } from "../support/users";

test.use({ storageState: storageState("member") });

const CARDS = 120;
let boardKey: string;
let titles: string[];

test.beforeAll(async () => {
  boardKey = `L${Date.now().toString(36).toUpperCase().slice(-6)}`;
  const created = await call("owner", "POST", "/api/w/acme/boards", { name: "Long cell", key: boardKey });
  expect(created.status).toBe(201);
  titles = Array.from({ length: CARDS }, (_, i) => `Long cell card ${String(i + 1).padStart(3, "0")}`);
  // In order: each new task lands at the end of its cell.
  for (const title of titles) {
    const task = await call("owner", "POST", "/api/w/acme/tasks", { boardKey, title, lane: "leverage", status: "backlog" });
    expect(task.status).toBe(201);
  }
});

test("a long cell renders a window of its cards, and scrolling brings the rest", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto("acme", boardKey);
  const cell = board.cell("Leverage", "Backlog");
  await expect(cell.getByRole("button", { name: titles[0] })).toBeVisible();
  const rendered = await cell.getByRole("listitem").count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(30);
  // Screen readers hear where a card is in the whole cell, not in the rendered part.
  await expect(cell.getByRole("listitem").first()).toHaveAttribute("aria-setsize", String(CARDS));
  await expect(cell.getByRole("button", { name: titles[CARDS - 1] })).toHaveCount(0);

  // Scrolled to its end, the cell shows its last cards.
  await cell.evaluate((list) => list.parentElement?.scrollTo({ top: list.parentElement.scrollHeight }));
  await expect(cell.getByRole("button", { name: titles[CARDS - 1] })).toBeVisible();
  await expect(cell.getByRole("button", { name: titles[0] })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: titles[CARDS - 1]! })).toHaveAttribute("aria-posinset", String(CARDS));
});

test("keyboard moves within a long cell, past its visible part", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto("acme", boardKey);
  const cell = board.cell("Leverage", "Backlog");
  const first = cell.getByRole("listitem").first();
  const title = (await first.getByRole("button").first().textContent()) ?? "";
  const key = title.match(/L[A-Z0-9]+-\d+/)?.[0];
  expect(key).toBeTruthy();
  const cardTitle = title.replace(key!, "");

  await page.getByRole("button", { name: `Move ${key}`, exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByText(/Picked up|is over Leverage · Backlog, position 1 of/)).toBeAttached();
  // Further down than the cell shows: the cell scrolls along and the cards below are there to pass.
  // One press at a time, as a person listening to each announcement would.
  for (let position = 2; position <= 13; position++) {
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(new RegExp(`is over Leverage · Backlog, position ${position} of ${CARDS}`))).toBeAttached();
  }
  await page.keyboard.press("Space");
  await expect(page.getByText(/Dropped .* in Leverage · Backlog, position 13/)).toBeAttached();

  // The server has the same order: the card is 13th of the cell.
  await expect
    .poll(async () => {
      const view = await call("member", "GET", `/api/w/acme/boards/${boardKey}`);
      const cards = (view.body as { cards: [string, number, string, number, number][] }).cards.filter((c) => c[3] === 2 && c[4] === 0);
      return cards.findIndex((c) => c[2] === cardTitle);
    })
    .toBe(12);
});

test("a card added at the end of a long cell comes into view", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto("acme", boardKey);
  const title = `Added at the end ${Date.now().toString(36)}`;
  await board.addTask("Leverage", "Backlog", title);
  await expect(board.cell("Leverage", "Backlog").getByRole("button", { name: title })).toBeInViewport();
});

test("another client's move into a long cell is patched in, and the board is accessible", async ({ page }) => {
  const board = new BoardPage(page);
  await board.goto("acme", boardKey);
  const cell = board.cell("Leverage", "Done");
  const other = await call("owner", "POST", "/api/w/acme/tasks", { boardKey, title: `Moved elsewhere ${Date.now().toString(36)}`, lane: "leverage", status: "ready" });
  const task = (other.body as { task: { key: string; title: string } }).task;
  await expect(board.cell("Leverage", "Ready").getByRole("button", { name: task.title })).toBeVisible();

  // The board patches the move in place: no full read of the board follows.
  const boardReads: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/w/acme/boards/${boardKey}`) boardReads.push(request.url());
  });
  const moved = await call("owner", "POST", `/api/w/acme/tasks/${task.key}/move`, { lane: "leverage", status: "done", afterId: null });
  expect(moved.status).toBe(200);
  await expect(cell.getByRole("button", { name: task.title })).toBeVisible();
  await expect(board.cell("Leverage", "Ready").getByRole("button", { name: task.title })).toHaveCount(0);
  expect(boardReads).toEqual([]);

  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await board.reload();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, `${theme}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
  }
});
