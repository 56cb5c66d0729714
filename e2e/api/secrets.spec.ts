// Secrets never come back in error bodies or redirect URLs, and password forms never put a
// password in a URL, even if submitted before the page has hydrated.
import { expect, test } from "@playwright/test";
import { baseURL, call, cookieHeader } from "../support/http";
import { signInOverHttp, testAddress } from "../support/sign-in";

test("error bodies do not echo passwords, tokens or secrets", async () => {
  const marker = "Sekret-Marker-9f3a1c-Password";
  const signUp = await fetch(`${baseURL}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL, "x-forwarded-for": testAddress() },
    body: JSON.stringify({ name: "Echo", email: "not-an-email", password: `${marker}${"x".repeat(80)}` }),
  });
  expect(signUp.status).toBe(400);
  expect(await signUp.text()).not.toContain(marker);

  const token = "bat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const agent = await fetch(`${baseURL}/api/v1/tasks`, { headers: { authorization: `Bearer ${token}` } });
  expect(agent.status).toBe(401);
  expect(await agent.text()).not.toContain(token);

  const secret = await call("owner", "PUT", "/api/w/acme/webhook-secret", { secret: "short" });
  expect(secret.status).toBe(400);
  expect(JSON.stringify(secret.body)).not.toContain('"short"');

  const signIn = await signInOverHttp("member@demo.test", marker, { address: testAddress() });
  expect(signIn.status).toBe(401);
  expect(JSON.stringify(signIn.body)).not.toContain(marker);
  expect(signIn.headers.get("location") ?? "").not.toContain(marker);
});

test("the sign-in and sign-up forms post (a submit before hydration never puts the password in the URL)", async () => {
  for (const page of ["/signin", "/signup"]) {
    const html = await (await fetch(`${baseURL}${page}`)).text();
    const form = /<form[^>]*>/.exec(html)?.[0] ?? "";
    expect(form, page).toMatch(/method="post"/);
  }
});

test("the webhook secret is write-only: settings say only whether it is set", async () => {
  const secret = `whsec-e2e-${Date.now()}-0123456789`;
  expect((await call("owner", "PUT", "/api/w/acme/webhook-secret", { secret })).status).toBe(200);
  const settings = await call("owner", "GET", "/api/w/acme/settings");
  expect(settings.body).toMatchObject({ settings: { hasWebhookSecret: true } });
  expect(JSON.stringify(settings.body)).not.toContain(secret);
  const page = await (await fetch(`${baseURL}/w/acme/settings`, { headers: { cookie: cookieHeader("owner") } })).text();
  expect(page).not.toContain(secret);
});
