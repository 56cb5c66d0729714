// Sign-in and sign-up throttling (kept in PostgreSQL, so it holds across instances), and passwords
// at bcrypt's 72-byte limit. Each test uses its own client addresses (X-Forwarded-For, which the
// app reads when no trusted proxy is configured) so that it has a budget of its own.
import { expect, test } from "@playwright/test";
import { baseURL } from "../support/http";
import { signInOverHttp, testAddress } from "../support/sign-in";

async function signUp(body: Record<string, unknown>, address: string) {
  const response = await fetch(`${baseURL}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL, "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { code: string; fields?: Record<string, string[]> } } };
}

const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

function expectThrottled(result: { status: number; headers: Headers }) {
  expect(result.status).toBe(429);
  const retryAfter = Number(result.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
}

test("the 11th failed sign-in for one email within 15 minutes is refused with 429, even with the right password", async () => {
  const email = `throttle-${unique()}@example.test`;
  expect((await signUp({ name: "Tess Throttle", email, password: "the-right-password" }, testAddress())).status).toBe(201);
  for (let attempt = 1; attempt <= 10; attempt++) {
    // From a different address each time: the limit is on the account, not the network.
    const result = await signInOverHttp(email, `wrong-password-${attempt}`, { address: testAddress() });
    expect(result.status, `attempt ${attempt}`).toBe(401);
  }
  const eleventh = await signInOverHttp(email, "the-right-password", { address: testAddress() });
  expectThrottled(eleventh);
  expect(eleventh.sessionCookie).toBeNull();
  expect(eleventh.body).toMatchObject({ error: { code: "rate_limited" }, url: expect.stringContaining("error=TooManyAttempts") });
});

test("the 51st failed sign-in from one address is refused with 429, whatever the email", async () => {
  const address = testAddress();
  for (let attempt = 1; attempt <= 50; attempt++) {
    const result = await signInOverHttp(`nobody-${unique()}@example.test`, "not-the-password", { address });
    expect(result.status, `attempt ${attempt}`).toBe(401);
  }
  expectThrottled(await signInOverHttp("member@demo.test", "not-the-password", { address }));
  // Another address is not affected.
  expect((await signInOverHttp(`nobody-${unique()}@example.test`, "not-the-password", { address: testAddress() })).status).toBe(401);
});

test("sign-up is limited the same way: per email and per address", async () => {
  const email = `signup-${unique()}@example.test`;
  for (let attempt = 1; attempt <= 10; attempt++) {
    // A refused password: the attempt counts, nothing is created.
    const result = await signUp({ name: "Sam", email, password: "short" }, testAddress());
    expect(result.status, `attempt ${attempt}`).toBe(400);
  }
  expectThrottled(await signUp({ name: "Sam", email, password: "a-long-password" }, testAddress()));

  const address = testAddress();
  for (let attempt = 1; attempt <= 50; attempt++) {
    const result = await signUp({ name: "Sam", email: `bulk-${unique()}@example.test`, password: "short" }, address);
    expect(result.status, `attempt ${attempt}`).toBe(400);
  }
  expectThrottled(await signUp({ name: "Sam", email: `bulk-${unique()}@example.test`, password: "a-long-password" }, address));
});

test("passwords: at least 8 characters, at most bcrypt's 72 bytes, never silently truncated", async () => {
  const tooShort = await signUp({ name: "Pat", email: `pw-${unique()}@example.test`, password: "seven77" }, testAddress());
  expect(tooShort.status).toBe(400);
  expect(tooShort.body.error?.fields?.password?.[0]).toMatch(/at least 8/);

  // 73 ASCII bytes, and 19 four-byte emoji (76 bytes, only 19 characters): both refused by name.
  for (const password of ["a".repeat(73), "🔑".repeat(19)]) {
    const refused = await signUp({ name: "Pat", email: `pw-${unique()}@example.test`, password }, testAddress());
    expect(refused.status).toBe(400);
    expect(refused.body.error?.fields?.password?.[0]).toMatch(/72 bytes/);
  }

  // Exactly 72 bytes is accepted, and only that exact password signs in: the same 72 bytes with
  // more after them (which bcrypt alone would accept) do not.
  const email = `pw-${unique()}@example.test`;
  const password = "p".repeat(71) + "!";
  expect((await signUp({ name: "Pat", email, password }, testAddress())).status).toBe(201);
  expect((await signInOverHttp(email, password, { address: testAddress() })).status).toBe(200);
  expect((await signInOverHttp(email, `${password}extra`, { address: testAddress() })).status).toBe(401);
});
