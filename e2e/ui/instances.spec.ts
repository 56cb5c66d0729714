// Several instances on one database (instance B is the second web server of playwright.config.ts):
// live updates cross instances, and rate limits and sign-in throttling are counted in PostgreSQL,
// so they hold across both instead of doubling.
import { expect, test } from "@playwright/test";
import { BoardPage } from "../support/board-page";
import { agentTokens, baseURL, call, fixtureBoard, freshTask, secondBaseURL } from "../support/http";
import { signInOverHttp, testAddress } from "../support/sign-in";
import { storageState } from "../support/users";

test("a move through instance A reaches a browser connected to instance B", async ({ browser }) => {
  const boardKey = await fixtureBoard();
  const title = `Cross-instance move ${Date.now()}`;
  const task = await freshTask(title);
  const context = await browser.newContext({ storageState: storageState("owner"), baseURL: secondBaseURL, viewport: { width: 1440, height: 900 } });
  const board = new BoardPage(await context.newPage());
  await board.goto("acme", boardKey);
  await expect(board.cell("Untriaged", "Backlog").getByRole("button", { name: title })).toBeVisible();

  const moved = Date.now();
  const result = await call("owner", "POST", `/api/w/acme/tasks/${task.key}/move`, { lane: "leverage", status: "ready", afterId: null });
  expect(result.status).toBe(200);
  await expect(board.cell("Leverage", "Ready").getByRole("button", { name: title })).toBeVisible();
  // The figure issue 8 asks for (2 s); `npm run bench -- live` measures it without a browser.
  console.log(`Cross-instance move visible on B after ${Date.now() - moved} ms`);
  await context.close();
});

test("an API token's rate limit holds across instances (counted once, not per instance)", async () => {
  const { agentId } = await agentTokens();
  const created = await call("owner", "POST", `/api/w/acme/agents/${agentId}/tokens`, { access: "read" });
  const token = (created.body as { token: { token: string } }).token.token;
  const limit = Number(process.env.BATON_API_RATE_LIMIT ?? 300);
  const statuses: number[] = [];
  // Alternating instances, a few at a time: each instance alone stays under the limit.
  for (let sent = 0; sent < limit; sent += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, limit - sent) }, (_, i) =>
        fetch(`${(sent + i) % 2 === 0 ? baseURL : secondBaseURL}/api/v1/tasks`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
      ),
    );
    statuses.push(...batch);
  }
  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  for (const base of [baseURL, secondBaseURL]) {
    const over = await fetch(`${base}/api/v1/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect(over.status, base).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  }
});

test("sign-in throttling holds across instances", async () => {
  const email = `two-instances-${Date.now().toString(36)}@example.test`;
  for (let attempt = 1; attempt <= 10; attempt++) {
    const base = attempt % 2 === 0 ? baseURL : secondBaseURL;
    expect((await signInOverHttp(email, `wrong-password-${attempt}`, { base, address: testAddress() })).status, `attempt ${attempt}`).toBe(401);
  }
  for (const base of [baseURL, secondBaseURL]) {
    expect((await signInOverHttp(email, "wrong-password-11", { base, address: testAddress() })).status, base).toBe(429);
  }
});
