// CSRF: cookie-authenticated writes accept only JSON from Baton's own origin. A cross-site form
// post, a text/plain post and a JSON post from another origin are refused with 403 and change
// nothing. The session cookie is HttpOnly and SameSite=Lax.
import { expect, test } from "@playwright/test";
import { baseURL, call, cookieHeader, fixtureBoard } from "../support/http";
import { signInOverHttp } from "../support/sign-in";
import { DEMO_PASSWORD } from "../support/users";

const EVIL = "http://evil.example";

test.beforeAll(async () => {
  await fixtureBoard();
});

async function boardTitles(): Promise<string[]> {
  const board = await call("owner", "GET", "/api/w/acme/boards/RVW");
  // The board's compact form: a card's title is its third field (lib/board/wire.ts).
  return (board.body as { cards: [string, number, string][] }).cards.map((card) => card[2]);
}

async function send(headers: Record<string, string>, body: string) {
  const response = await fetch(`${baseURL}/api/w/acme/tasks`, { method: "POST", redirect: "manual", headers: { cookie: cookieHeader("owner"), ...headers }, body });
  return { status: response.status, body: (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null };
}

const cases: [string, Record<string, string>, (title: string) => string][] = [
  ["a cross-site form post", { "content-type": "application/x-www-form-urlencoded", origin: EVIL, "sec-fetch-site": "cross-site" }, (t) => `boardKey=RVW&title=${encodeURIComponent(t)}`],
  ["a cross-site multipart form post", { "content-type": "multipart/form-data; boundary=x", origin: EVIL, "sec-fetch-site": "cross-site" }, (t) => `--x\r\nContent-Disposition: form-data; name="title"\r\n\r\n${t}\r\n--x--\r\n`],
  ["a text/plain post carrying JSON (same origin)", { "content-type": "text/plain", origin: baseURL, "sec-fetch-site": "same-origin" }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
  ["a text/plain post carrying JSON (cross-site)", { "content-type": "text/plain;charset=UTF-8", origin: EVIL, "sec-fetch-site": "cross-site" }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
  ["JSON from another origin", { "content-type": "application/json", origin: EVIL }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
  ["JSON marked cross-site by the browser", { "content-type": "application/json", "sec-fetch-site": "cross-site" }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
  ["JSON from a sibling site", { "content-type": "application/json", "sec-fetch-site": "same-site", origin: "http://other.localhost:3100" }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
  ["no content type at all", { origin: baseURL }, (t) => JSON.stringify({ boardKey: "RVW", title: t })],
];

for (const [name, headers, body] of cases) {
  test(`${name} is refused with 403 and creates nothing`, async () => {
    const title = `CSRF ${name} ${Date.now()}`;
    const result = await send(headers, body(title));
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ error: { code: "forbidden", message: expect.any(String) } });
    expect(await boardTitles()).not.toContain(title);
  });
}

test("the same write as same-origin JSON goes through (the control)", async () => {
  const title = `CSRF control ${Date.now()}`;
  const result = await send({ "content-type": "application/json", origin: baseURL, "sec-fetch-site": "same-origin" }, JSON.stringify({ boardKey: "RVW", title }));
  expect(result.status).toBe(201);
  expect(await boardTitles()).toContain(title);
});

test("sign-up refuses a cross-site post too", async () => {
  const email = `csrf-${Date.now()}@example.test`;
  const response = await fetch(`${baseURL}/api/signup`, {
    method: "POST",
    headers: { "content-type": "text/plain", origin: EVIL, "sec-fetch-site": "cross-site" },
    body: JSON.stringify({ name: "Mallory", email, password: "a-long-password" }),
  });
  expect(response.status).toBe(403);
  // The account was not created: signing in with it fails.
  expect((await signInOverHttp(email, "a-long-password")).status).toBe(401);
});

test("a real cross-site page's form post changes nothing", async ({ browser }) => {
  const context = await browser.newContext({ storageState: "e2e/.auth/owner.json" });
  const page = await context.newPage();
  const title = `CSRF browser ${Date.now()}`;
  // A page on another site that posts a form to Baton as soon as it loads, as an attacker's would.
  await page.route(`${EVIL}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form id="f" method="POST" action="${baseURL}/api/w/acme/tasks" enctype="text/plain"><input name='{"boardKey":"RVW","title":"${title}","x":"' value='"}'></form><script>document.getElementById("f").submit()</script>`,
    }),
  );
  const posted = page.waitForResponse(`${baseURL}/api/w/acme/tasks`);
  await page.goto(`${EVIL}/attack`);
  expect((await posted).status()).toBe(403);
  await context.close();
  expect(await boardTitles()).not.toContain(title);
});

test("the session cookie is HttpOnly and SameSite=Lax, and not Secure over plain http", async () => {
  const result = await signInOverHttp("member@demo.test", DEMO_PASSWORD);
  expect(result.status).toBe(200);
  const line = result.setCookies.find((cookie) => cookie.startsWith("next-auth.session-token="));
  expect(line).toBeDefined();
  expect(line).toMatch(/;\s*HttpOnly/i);
  expect(line).toMatch(/;\s*SameSite=Lax/i);
  expect(line).not.toMatch(/;\s*Secure/i);
});
