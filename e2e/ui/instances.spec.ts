// Several instances on one database (instance B is the second web server of playwright.config.ts):
// live updates cross instances, and rate limits and sign-in throttling are counted in PostgreSQL,
// so they hold across both instead of doubling. A third instance, started and restarted by the test
// itself, shows that a board's live stream reconnects and catches up without a reload.
import { spawn, type ChildProcess } from "node:child_process";
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

/** Instance C: `next start` on its own port, the same database and secret as A and B. */
async function startInstance(port: number): Promise<ChildProcess> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
      NEXTAUTH_URL: url,
      NODE_ENV: "production",
      DATABASE_TIMEOUT_MS: "10000", // as for A and B (playwright.config.ts)
    },
    stdio: "ignore",
  });
  for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (child.exitCode !== null) throw new Error(`instance on port ${port} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
  }
  child.kill("SIGKILL");
  throw new Error(`instance on port ${port} did not start within 30 s`);
}

async function stopInstance(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

test("after its instance restarts, a board's live stream reconnects and catches up without a reload", async ({ browser }) => {
  const port = Number(new URL(secondBaseURL).port) + 1;
  let instance = await startInstance(port);
  const context = await browser.newContext({ storageState: storageState("owner"), baseURL: `http://localhost:${port}`, viewport: { width: 1440, height: 900 } });
  try {
    const boardKey = await fixtureBoard();
    const title = `Restart catch-up ${Date.now()}`;
    const task = await freshTask(title);
    const board = new BoardPage(await context.newPage());
    await board.goto("acme", boardKey);
    await expect(board.cell("Untriaged", "Backlog").getByRole("button", { name: title })).toBeVisible();
    // Survives only if the page is never reloaded.
    await board.page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    await stopInstance(instance);
    await expect(board.page.getByRole("status").filter({ hasText: "Reconnecting…" })).toBeVisible();
    // Moved through instance A while C is down: C's browser missed the event itself.
    expect((await call("owner", "POST", `/api/w/acme/tasks/${task.key}/move`, { lane: "leverage", status: "ready", afterId: null })).status).toBe(200);

    const restarted = Date.now();
    instance = await startInstance(port);
    await expect(board.page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible({ timeout: 15_000 });
    await expect(board.cell("Leverage", "Ready").getByRole("button", { name: title })).toBeVisible();
    console.log(`Board caught up ${Date.now() - restarted} ms after instance C began restarting`);
    expect(await board.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  } finally {
    await context.close();
    await stopInstance(instance);
  }
});
