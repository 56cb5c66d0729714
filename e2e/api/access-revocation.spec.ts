// Sign-out and removal from a workspace take effect on the very next request, on the server (not
// only in the browser that clicked), and end that person's open live stream at once.
import { expect, test } from "@playwright/test";
import { baseURL, call } from "../support/http";
import { openLiveStream, signInOverHttp, signOutOverHttp, testAddress } from "../support/sign-in";
import { DEMO_PASSWORD } from "../support/users";

async function asCookie(cookie: string, method: string, path: string) {
  const response = await fetch(`${baseURL}${path}`, {
    method,
    redirect: "manual",
    headers: { cookie, ...(method !== "GET" && { "content-type": "application/json", origin: baseURL }) },
  });
  return response.status;
}

test("signing out ends the session on the server: the same cookie is refused next, and the live stream closes", async () => {
  const signedIn = await signInOverHttp("member@demo.test", DEMO_PASSWORD, { address: testAddress() });
  const cookie = signedIn.sessionCookie as string;
  expect(cookie).toBeTruthy();
  expect(await asCookie(cookie, "GET", "/api/w/acme/boards")).toBe(200);
  // A second sign-in of the same person (another browser) is a session of its own.
  const elsewhere = (await signInOverHttp("member@demo.test", DEMO_PASSWORD, { address: testAddress() })).sessionCookie as string;

  const stream = openLiveStream(cookie, "acme");
  expect(await stream.opened).toBe(200);
  const otherStream = openLiveStream(elsewhere, "acme");
  expect(await otherStream.opened).toBe(200);

  expect(await signOutOverHttp(cookie)).toBe(200);
  const ended = await stream.ended;
  expect(ended.text).toContain("event: access");
  expect(ended.text).toContain('"reason":"signed_out"');

  // A copy of the signed-out cookie (still a well-signed JWT) opens nothing any more.
  expect(await asCookie(cookie, "GET", "/api/w/acme/boards")).toBe(401);
  expect(await asCookie(cookie, "POST", "/api/w/acme/tasks")).toBe(401);
  expect((await openLiveStream(cookie, "acme").ended).status).toBe(401);
  expect(await asCookie(cookie, "GET", "/w/acme/b/WEB")).toBe(307);

  // The other browser is still signed in and still streaming.
  expect(await asCookie(elsewhere, "GET", "/api/w/acme/boards")).toBe(200);
  expect(otherStream.received()).not.toContain("event: access");
  otherStream.close();
});

test("removal from a workspace takes effect on the next request and ends the person's live stream", async () => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `leaver-${id}@example.test`;
  const address = testAddress();
  const signUp = await fetch(`${baseURL}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL, "x-forwarded-for": address },
    body: JSON.stringify({ name: `Lee Leaver ${id}`, email, password: "a-long-password" }),
  });
  expect(signUp.status).toBe(201);
  const { user } = (await signUp.json()) as { user: { id: string } };
  const cookie = (await signInOverHttp(email, "a-long-password", { address })).sessionCookie as string;

  const invitation = await call("owner", "POST", "/api/w/acme/invitations");
  const token = new URL((invitation.body as { invitation: { url: string } }).invitation.url).pathname.split("/").pop();
  const accepted = await fetch(`${baseURL}/api/invitations/${token}/accept`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: baseURL } });
  expect(accepted.status).toBe(200);
  expect(await asCookie(cookie, "GET", "/api/w/acme/boards")).toBe(200);

  const stream = openLiveStream(cookie, "acme");
  expect(await stream.opened).toBe(200);

  // A member may not remove anyone; an admin or owner may.
  expect((await call("member", "DELETE", `/api/w/acme/members/${user.id}`)).status).toBe(403);
  const removed = await call("owner", "DELETE", `/api/w/acme/members/${user.id}`);
  expect(removed.status).toBe(200);

  const ended = await stream.ended;
  expect(ended.text).toContain('"reason":"removed"');
  // Not a member any more: the workspace is not found, for reads, writes, pages and streams alike.
  expect(await asCookie(cookie, "GET", "/api/w/acme/boards")).toBe(404);
  expect(await asCookie(cookie, "POST", "/api/w/acme/tasks")).toBe(404);
  expect(await asCookie(cookie, "GET", "/w/acme/b/WEB")).toBe(404);
  expect((await openLiveStream(cookie, "acme").ended).status).toBe(404);
  // Still signed in to Baton itself.
  expect(await asCookie(cookie, "GET", "/api/workspaces")).toBe(200);
  // Removing them again: not a member.
  expect((await call("owner", "DELETE", `/api/w/acme/members/${user.id}`)).status).toBe(404);
});

test("the last owner cannot be removed, and an admin cannot remove an owner", async () => {
  const members = await call("owner", "GET", "/api/w/acme/members");
  expect(members.status).toBe(200);
  const owner = (members.body as { members: { userId: string; role: string }[] }).members.find((m) => m.role === "owner");
  const result = await call("owner", "DELETE", `/api/w/acme/members/${owner?.userId}`);
  expect(result.status).toBe(409);
  expect(result.body).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("last owner") } });
  expect((await call("owner", "GET", "/api/w/acme/boards")).status).toBe(200);
});
