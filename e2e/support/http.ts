// Plain HTTP as a given actor: cookies from the saved sessions, no redirects followed, so that
// the authorization table sees the status each route really answers.
import { readFileSync } from "node:fs";
import { storageState, type Actor } from "./users";

/** Members (session cookies), nobody, or agents (bearer tokens made by `agentTokens()`). */
export type Caller = Actor | "anonymous" | TokenCaller;
export type TokenCaller = "agent" | "agent-elsewhere" | "revoked-token" | "read-only-token";
const TOKEN_CALLERS: readonly string[] = ["agent", "agent-elsewhere", "revoked-token", "read-only-token"];
const tokens = new Map<TokenCaller, string>();

export function setToken(caller: TokenCaller, token: string) {
  tokens.set(caller, token);
}

const cookieCache = new Map<Caller, string>();

export function cookieHeader(caller: Caller): string {
  if (caller === "anonymous" || TOKEN_CALLERS.includes(caller)) return "";
  let header = cookieCache.get(caller);
  if (header === undefined) {
    const state = JSON.parse(readFileSync(storageState(caller as Actor), "utf8")) as { cookies: { name: string; value: string }[] };
    header = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    cookieCache.set(caller, header);
  }
  return header;
}

export const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
/**
 * A second instance of the app on the same database, started with proxy.ts switched off
 * (BATON_PROXY=off): the authorization tests get the same answers from it, and the several-instance
 * tests use it as "instance B".
 */
export const secondBaseURL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

export interface CallOptions {
  /** Another instance of the app (secondBaseURL). */
  base?: string;
  /** More request headers, sent after (so overriding) the usual ones: a forged x-middleware-subrequest, a fresh x-forwarded-for. */
  headers?: Record<string, string>;
  /** The body exactly as given instead of `JSON.stringify(body)`: raw JSON text, or bytes that are not UTF-8. */
  raw?: string | Uint8Array<ArrayBuffer>;
}

/** A fresh client address from the IPv6 documentation range, so a test has a throttling budget of its own. */
export function testAddress(): string {
  return `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
}

/**
 * This test process's client address. Sign-in and sign-up are throttled per address; giving each
 * process its own keeps the many deliberate bad sign-ups of the API tests from using up the budget
 * of the browser tests, which come from 127.0.0.1.
 */
const CLIENT_ADDRESS = testAddress();

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Sends one request; for streams (SSE) it returns as soon as the headers arrive. */
export async function call(caller: Caller, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<CallResult> {
  const hasBody = body !== undefined || options.raw !== undefined;
  const controller = new AbortController();
  const base = options.base ?? baseURL;
  const response = await fetch(`${base}${path}`, {
    method,
    redirect: "manual",
    signal: controller.signal,
    headers: {
      // Sign-ups are limited to 50 per address: each one the tests make comes from an address of its
      // own (the throttling tests set theirs explicitly).
      "x-forwarded-for": path === "/api/signup" ? testAddress() : CLIENT_ADDRESS,
      cookie: cookieHeader(caller),
      ...(TOKEN_CALLERS.includes(caller) && { authorization: `Bearer ${tokens.get(caller as TokenCaller) ?? "missing"}` }),
      // As the app's own pages send them: writes are JSON from the app's origin (CSRF checks).
      ...((hasBody || method !== "GET") && { "content-type": "application/json", origin: base }),
      // MCP's Streamable HTTP wants clients to accept both JSON and event streams.
      ...(path === "/api/mcp" && { accept: "application/json, text/event-stream" }),
      ...options.headers,
    },
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  let parsed: unknown = null;
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    controller.abort();
  } else {
    const text = await response.text();
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * A fresh task on Acme's fixture board, created by the owner, for tests that change or delete one.
 * Not on WEB: the browser tests drag cards there, and a board that keeps growing under them slows them.
 */
export async function freshTask(title = `Authz fixture ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`) {
  const result = await call("owner", "POST", "/api/w/acme/tasks", { boardKey: await fixtureBoard(), title });
  if (result.status !== 201) throw new Error(`could not create fixture task: ${result.status} ${JSON.stringify(result.body)}`);
  return (result.body as { task: { id: string; key: string; version: number } }).task;
}

/**
 * A fresh Leverage-lane task of Acme with a session started on it by `person` (a member, admin or
 * owner; anyone else gets the member's), pausing whatever session that person had active.
 */
export async function freshSession(person: Caller = "member"): Promise<{ id: string; taskKey: string; version: number; person: Actor }> {
  const starter: Actor = person === "admin" || person === "owner" ? person : "member";
  const task = await call(starter, "POST", "/api/w/acme/tasks", { boardKey: await fixtureBoard(), title: `Session fixture ${Math.random().toString(36).slice(2, 7)}`, lane: "leverage" });
  if (task.status !== 201) throw new Error(`could not create a leverage task: ${task.status} ${JSON.stringify(task.body)}`);
  const taskKey = (task.body as { task: { key: string } }).task.key;
  const started = await call(starter, "POST", "/api/w/acme/sessions", { taskKey, previous: "pause" });
  if (started.status !== 201) throw new Error(`could not start a session: ${started.status} ${JSON.stringify(started.body)}`);
  const session = (started.body as { session: { id: string; version: number } }).session;
  return { id: session.id, taskKey, version: session.version, person: starter };
}

/** An item of a fresh session (an approach or a review note), made by the session's person. */
export async function freshSessionItem(person: Caller, kind: "approaches" | "notes"): Promise<{ sessionId: string; itemId: string }> {
  const session = await freshSession(person);
  const body = kind === "approaches" ? { name: "Fixture approach" } : { body: "Fixture note" };
  const made = await call(session.person, "POST", `/api/w/acme/sessions/${session.id}/${kind}`, body);
  if (made.status !== 201) throw new Error(`could not add to the session: ${made.status} ${JSON.stringify(made.body)}`);
  const view = (made.body as { session: { approaches: { id: string }[]; notes: { id: string }[] } }).session;
  return { sessionId: session.id, itemId: (kind === "approaches" ? view.approaches[0] : view.notes[0])?.id ?? "" };
}

/**
 * Agent fixtures, made once per test file through the real settings API: an agent of Acme with a
 * token and an assigned delegate task, the same for Globex, a revoked Acme token and a read-only one.
 */
let agentFixtures: Promise<{ taskKey: string; otherTaskKey: string; agentId: string }> | undefined;
export function agentTokens() {
  agentFixtures ??= (async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const makeAgent = async (actor: Actor, workspace: string, name: string) => {
      const agent = await call(actor, "POST", `/api/w/${workspace}/agents`, { name, kind: "custom" });
      if (agent.status !== 201) throw new Error(`agent: ${agent.status} ${JSON.stringify(agent.body)}`);
      const id = (agent.body as { agent: { id: string } }).agent.id;
      const token = await call(actor, "POST", `/api/w/${workspace}/agents/${id}/tokens`);
      return { id, token: (token.body as { token: { token: string; id: string } }).token };
    };
    const assignedTask = async (actor: Actor, workspace: string, boardKey: string, agentId: string) => {
      const created = await call(actor, "POST", `/api/w/${workspace}/tasks`, {
        boardKey,
        title: `Agent fixture ${suffix}`,
        lane: "delegate",
        status: "ready",
        overDelegationReason: "End-to-end fixture",
        gateOverrideReason: "End-to-end fixture",
      });
      const key = (created.body as { task: { key: string } }).task.key;
      const assigned = await call(actor, "PUT", `/api/w/${workspace}/tasks/${key}/agent`, { agentId });
      if (assigned.status !== 200) throw new Error(`assign: ${assigned.status} ${JSON.stringify(assigned.body)}`);
      return key;
    };
    const acme = await makeAgent("owner", "acme", `Authz agent ${suffix}`);
    setToken("agent", acme.token.token);
    const globex = await makeAgent("outsider", "globex", `Globex agent ${suffix}`);
    setToken("agent-elsewhere", globex.token.token);
    const revoked = await call("owner", "POST", `/api/w/acme/agents/${acme.id}/tokens`);
    const revokedToken = (revoked.body as { token: { token: string; id: string } }).token;
    await call("owner", "DELETE", `/api/w/acme/tokens/${revokedToken.id}`);
    setToken("revoked-token", revokedToken.token);
    const readOnly = await call("owner", "POST", `/api/w/acme/agents/${acme.id}/tokens`, { access: "read" });
    if (readOnly.status !== 201) throw new Error(`read-only token: ${readOnly.status} ${JSON.stringify(readOnly.body)}`);
    setToken("read-only-token", (readOnly.body as { token: { token: string } }).token.token);
    return {
      taskKey: await assignedTask("owner", "acme", "WEB", acme.id),
      otherTaskKey: await assignedTask("outsider", "globex", "PLT", globex.id),
      agentId: acme.id,
    };
  })();
  return agentFixtures;
}

export const FIXTURE_DIFF = `diff --git a/src/config/flags.ts b/src/config/flags.ts
index 3b18e51..a1f2c3d 100644
--- a/src/config/flags.ts
+++ b/src/config/flags.ts
@@ -10,7 +10,6 @@ export const FLAGS = {
   ENABLE_SEARCH_V3: false,
-  ENABLE_TOPICS_V2: true,
   ENABLE_EXPORTS: true,
 };
`;

/**
 * The board API and review fixtures live on, so that their cards never grow or shift the WEB board
 * under another test's drag. Made once per worker (a 409 means it exists).
 */
let reviewBoard: Promise<string> | undefined;
export function fixtureBoard(): Promise<string> {
  reviewBoard ??= call("owner", "POST", "/api/w/acme/boards", { name: "Review fixtures", key: "RVW" }).then((r) => {
    if (r.status !== 201 && r.status !== 409) throw new Error(`fixture board: ${r.status} ${JSON.stringify(r.body)}`);
    return "RVW";
  });
  return reviewBoard;
}

/**
 * A fresh attempt awaiting review in Acme: a Ready delegate task assigned to the fixture agent,
 * claimed and submitted with its token (as an agent would), so a verdict can be given on it.
 */
export async function freshAttempt(
  title = `Review fixture ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
  options: { boardKey?: string; diff?: string; ownerId?: string } = {},
) {
  const { agentId } = await agentTokens();
  const created = await call("owner", "POST", "/api/w/acme/tasks", {
    boardKey: options.boardKey ?? (await fixtureBoard()),
    title,
    lane: "delegate",
    status: "ready",
    ownerId: options.ownerId ?? null,
    overDelegationReason: "End-to-end fixture",
    gateOverrideReason: "End-to-end fixture",
  });
  if (created.status !== 201) throw new Error(`attempt fixture: ${created.status} ${JSON.stringify(created.body)}`);
  const key = (created.body as { task: { key: string } }).task.key;
  await call("owner", "PUT", `/api/w/acme/tasks/${key}/agent`, { agentId });
  await call("agent", "POST", `/api/v1/tasks/${key}/claim`);
  const submitted = await call("agent", "POST", `/api/v1/tasks/${key}/submissions`, { summary: "Fixture attempt", diff: options.diff ?? FIXTURE_DIFF, checks: { status: "passed" } });
  if (submitted.status !== 201) throw new Error(`attempt fixture submission: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { key, submissionId: (submitted.body as { submission: { id: string } }).submission.id };
}

/** The id of a demo user in Acme, from the board view's member list. */
export async function memberIdOf(email: string): Promise<string> {
  const board = await call("owner", "GET", "/api/w/acme/boards/WEB");
  const member = (board.body as { members: { id: string; email: string }[] }).members.find((m) => m.email === email);
  if (!member) throw new Error(`${email} is not a member of Acme`);
  return member.id;
}
