// Batch review, keyboard only: accept one attempt, send another back with two inline comments that
// the agent reads through the REST API, see its second attempt with "Changes since attempt 1",
// reach the loop limit, and reject it into the Leverage lane.
import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { call, freshAttempt, memberIdOf } from "../support/http";
import { expectHydrated } from "../support/hydration";
import { DEMO_USERS, storageState } from "../support/users";

// The member reviews here: sessions are per reviewer, and other tests open the owner's.
test.use({ storageState: storageState("member") });

const TWO_CHANGES = `diff --git a/src/export/limits.ts b/src/export/limits.ts
index 1a2b3c4..5d6e7f8 100644
--- a/src/export/limits.ts
+++ b/src/export/limits.ts
@@ -1,5 +1,6 @@
 export const LIMITS = {
-  exportsPerMinute: 100,
+  exportsPerMinute: 10,
+  burst: 20,
   timeoutMs: 30_000,
 };
`;

const letters = () => Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");

test("a whole review session with the keyboard: accept, request changes, the second round, the limit, reject", async ({ page }) => {
  test.slow();
  // A board of its own, so the queue holds exactly this test's attempts.
  const key = `R${letters()}`;
  expect((await call("owner", "POST", "/api/w/acme/boards", { name: `Review ${key}`, key })).status).toBe(201);
  // Start from a fresh session (a retry would otherwise resume the last one, with its counts).
  const open = await call("member", "POST", "/api/w/acme/review/sessions");
  await call("member", "PATCH", `/api/w/acme/review/sessions/${(open.body as { session: { id: string } }).session.id}`, { end: true });
  const first = await freshAttempt(`Accept me ${key}`, { boardKey: key, diff: TWO_CHANGES });
  // Owned by the workspace owner: a rejection hands it to its owner by default.
  const second = await freshAttempt(`Send me back ${key}`, { boardKey: key, diff: TWO_CHANGES, ownerId: await memberIdOf(DEMO_USERS.owner.email) });

  await page.goto(`/w/acme/review?board=${key}`);
  await expect(page.getByRole("heading", { name: "Batch review" })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Review session" });
  await expect(progress).toHaveAttribute("aria-valuetext", "0 of 2 reviewed");
  const article = page.getByRole("article", { name: `Attempt 1 on ${first.key}` });
  await expect(article).toBeVisible();
  await expectHydrated(page.getByRole("button", { name: /Keyboard shortcuts/ }));

  // Accept: "a" points at the checklist first; tick all five, then Accept.
  await page.keyboard.press("a");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: /^Accept/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Accepted ${first.key}`)).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", "1 of 2 reviewed");

  // Request changes with two inline comments on two changed lines.
  const next = page.getByRole("article", { name: `Attempt 1 on ${second.key}` });
  await expect(next).toBeVisible();
  await page.keyboard.press("n");
  await page.keyboard.press("c");
  await page.getByRole("textbox", { name: /Comment on src\/export\/limits.ts old line 2/ }).pressSequentially("Why drop 100?");
  await page.keyboard.press("Control+Enter");
  await expect(next.getByText("Why drop 100?")).toBeVisible();
  // The draft is saved when its form closes; keys typed before that would go into the form.
  await expect(page.getByRole("textbox", { name: /^Comment on / })).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("c");
  await page.getByRole("textbox", { name: /Comment on src\/export\/limits.ts new line 2/ }).pressSequentially("Make it configurable.");
  await page.keyboard.press("Control+Enter");
  await expect(next.getByText("Make it configurable.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Comment on / })).toHaveCount(0);
  await expect(next.getByText("2 draft comments go out with your verdict.")).toBeVisible();
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Request changes" });
  await dialog.getByLabel("Summary for the agent").pressSequentially("Keep the old limit configurable.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText(`Changes requested ${second.key}`)).toBeVisible();

  // The agent reads the round through the REST API, with file and line, and posts attempt 2.
  const reviews = await call("agent", "GET", `/api/v1/tasks/${second.key}/reviews`);
  expect(reviews.body).toMatchObject({
    reviews: [
      {
        attempt: 1,
        verdict: "request_changes",
        feedback: "Keep the old limit configurable.",
        comments: expect.arrayContaining([
          expect.objectContaining({ target: "diff", path: "src/export/limits.ts", side: "old", line: 2, body: "Why drop 100?" }),
          expect.objectContaining({ target: "diff", path: "src/export/limits.ts", side: "new", line: 2, body: "Make it configurable." }),
        ]),
      },
    ],
  });
  expect((await call("agent", "POST", `/api/v1/tasks/${second.key}/claim`)).status).toBe(200);
  const v2 = TWO_CHANGES.replace("+  exportsPerMinute: 10,", "+  exportsPerMinute: Number(process.env.EXPORTS_PER_MINUTE ?? 100),");
  const posted = await call("agent", "POST", `/api/v1/tasks/${second.key}/submissions`, { summary: "Configurable now", diff: v2, checks: { status: "passed" } });
  expect(posted.status).toBe(201);

  await page.reload();
  const round2 = page.getByRole("article", { name: `Attempt 2 on ${second.key}` });
  await expect(round2).toBeVisible();
  await expect(round2.getByRole("heading", { name: /Changes since attempt 1/ })).toBeVisible();
  await expect(round2.getByRole("region", { name: "Feedback on attempt 1" })).toContainText("Why drop 100?");
  await expect(round2.getByText("Loop 1 of 2")).toBeVisible();

  // A second round through the API uses the last loop; attempt 3 can only be accepted or rejected.
  const round2Id = (posted.body as { submission: { id: string } }).submission.id;
  expect((await call("owner", "POST", `/api/w/acme/review/attempts/${round2Id}/verdict`, { verdict: "request_changes", summary: "Still not right." })).status).toBe(201);
  await call("agent", "POST", `/api/v1/tasks/${second.key}/claim`);
  expect((await call("agent", "POST", `/api/v1/tasks/${second.key}/submissions`, { summary: "Third try", diff: v2 })).status).toBe(201);
  await page.reload();
  const round3 = page.getByRole("article", { name: `Attempt 3 on ${second.key}` });
  await expect(round3).toBeVisible();
  await expect(round3.getByRole("button", { name: /Request changes/ })).toBeDisabled();
  await expect(round3.getByText("2 of 2 review loops used — accept, or reject and handle it manually")).toBeVisible();
  await expectHydrated(round3.getByRole("button", { name: /Reject/ }));

  // Reject with the keyboard: reason, note, handed to its owner, into the Leverage lane.
  await page.keyboard.press("x");
  const reject = page.getByRole("dialog", { name: "Reject — handle manually" });
  await expect(reject.getByLabel("Reason")).toBeFocused();
  await page.keyboard.press("ArrowDown"); // Unclear spec
  await page.keyboard.press("Tab");
  await page.keyboard.type("The spec never said which limit to keep.");
  await expect(reject.getByLabel("Move it to the Leverage lane (a person pairs with an AI on it)")).toBeChecked();
  await expect(reject.getByLabel("Hand it to")).toHaveValue(await memberIdOf(DEMO_USERS.owner.email));
  await reject.getByRole("button", { name: "Reject and hand over" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Rejected ${second.key}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: /Queue cleared/ })).toBeVisible();

  const board = new BoardPage(page);
  await board.goto("acme", key);
  const rejected = board.cell("Leverage", "Ready").getByRole("button", { name: new RegExp(`Send me back ${key}`) });
  await expect(rejected).toBeVisible();
  await expect(rejected).toHaveAccessibleName(new RegExp(`Owner: ${DEMO_USERS.owner.name}`));
  await expect(board.cell("Delegate", "Done").getByRole("button", { name: new RegExp(`Accept me ${key}`) })).toBeVisible();
});

test("an empty queue says so and links to the boards", async ({ page }) => {
  await page.goto("/w/acme/review?board=NOPE9");
  await expect(page.getByText("Nothing waits for review")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the boards" })).toHaveAttribute("href", "/w/acme");
});
