// The authorization table: every route × every kind of caller → the status it must answer.
// A route that exists in app/ but is missing here fails the first test, so a new route cannot
// ship without deciding who may call it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { agentTokens, baseURL, call, fixtureBoard, freshAttempt, freshSession, freshSessionItem, freshTask, secondBaseURL, type CallOptions, type Caller } from "../support/http";
import { changedTables, databaseChecksums } from "../support/db-checksum";
import { signInOverHttp, testAddress } from "../support/sign-in";

type Expect = Record<Caller, number>;
type MemberExpect = Record<"anonymous" | "viewer" | "member" | "owner" | "outsider", number> & { admin?: number };
interface Row {
  route: string; // the file-system pattern, e.g. /api/w/[workspace]/tasks/[key]
  method: string;
  expect: Expect;
  /** Builds the concrete request; runs once per caller, so it can create fresh fixtures. */
  request: (caller: Caller) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
}

// Every kind of caller: nobody; Acme's viewer, member, admin and owner; Globex's member, admin and
// owner ("outsider"), calling Acme; and API tokens of Acme, of Globex, revoked, and read-only.
const CALLERS: Caller[] = [
  "anonymous",
  "viewer",
  "member",
  "admin",
  "owner",
  "globexMember",
  "globexAdmin",
  "outsider",
  "agent",
  "agent-elsewhere",
  "revoked-token",
  "read-only-token",
];
/** Acme's admin answers as its owner unless a row says otherwise; Globex's admin and member as Globex's owner. */
const people = (expect: MemberExpect) => ({ ...expect, admin: expect.admin ?? expect.owner, globexAdmin: expect.outsider, globexMember: expect.outsider });
// Tokens open only the agent API: elsewhere an agent is a visitor without a session.
const asVisitor = (expect: MemberExpect): Expect => ({
  ...people(expect),
  agent: expect.anonymous,
  "agent-elsewhere": expect.anonymous,
  "revoked-token": expect.anonymous,
  "read-only-token": expect.anonymous,
});
const page = (anonymous: number, outsider: number, member = 200): Expect =>
  asVisitor({ anonymous, viewer: member, member, owner: member, outsider });
const read: Expect = asVisitor({ anonymous: 401, viewer: 200, member: 200, owner: 200, outsider: 404 });
const write = (ok: number): Expect => asVisitor({ anonymous: 401, viewer: 403, member: ok, owner: ok, outsider: 404 });
const admin = (ok: number): Expect => asVisitor({ anonymous: 401, viewer: 403, member: 403, owner: ok, outsider: 404 });
/** Review writes: members review; an agent's token is refused with 403 (only people review). */
const peopleOnly = (ok: number): Expect => ({
  ...people({ anonymous: 401, viewer: 403, member: ok, owner: ok, outsider: 404 }),
  agent: 403,
  "agent-elsewhere": 404,
  "revoked-token": 401,
  "read-only-token": 403,
});
/**
 * The agent API: members' sessions do not count; only the token's own workspace and tasks. A
 * read-only token reads (ok) but may not claim or submit (`readOnly`, 403).
 */
const agentApi = (ok: number, elsewhere = 404, readOnly = ok): Expect => ({
  ...people({ anonymous: 401, viewer: 401, member: 401, owner: 401, outsider: 401 }),
  agent: ok,
  "agent-elsewhere": elsewhere,
  "revoked-token": 401,
  "read-only-token": readOnly,
});
const unique = () => Math.random().toString(36).slice(2, 8);
const letters = () => Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");

const TABLE: Row[] = [
  // Pages
  { route: "/", method: "GET", expect: page(307, 200), request: () => ({ path: "/" }) },
  { route: "/signin", method: "GET", expect: asVisitor({ anonymous: 200, viewer: 307, member: 307, owner: 307, outsider: 307 }), request: () => ({ path: "/signin" }) },
  { route: "/signup", method: "GET", expect: asVisitor({ anonymous: 200, viewer: 307, member: 307, owner: 307, outsider: 307 }), request: () => ({ path: "/signup" }) },
  { route: "/invite/[token]", method: "GET", expect: page(307, 200), request: () => ({ path: "/invite/not-a-real-token-0123456789abcdef" }) },
  { route: "/w/[workspace]", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme" }) },
  { route: "/w/[workspace]/b/[board]", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/b/WEB" }) },
  { route: "/w/[workspace]/settings", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/settings" }) },
  { route: "/w/[workspace]/review", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/review" }) },
  { route: "/w/[workspace]/dashboard", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/dashboard?from=2026-11-01&to=2026-11-30&tz=UTC" }) },
  // The CSV of the dashboard's rows: a download for members; a visitor is sent to sign in, as for pages.
  { route: "/w/[workspace]/dashboard/export.csv", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/dashboard/export.csv?from=2026-11-01&to=2026-11-30" }) },
  { route: "/w/[workspace]/sessions", method: "GET", expect: page(307, 404), request: () => ({ path: "/w/acme/sessions" }) },
  { route: "/w/[workspace]/sessions/[id]", method: "GET", expect: page(307, 404), request: async () => ({ path: `/w/acme/sessions/${(await freshSession()).id}` }) },

  // Public and account routes
  { route: "/api/health", method: "GET", expect: page(200, 200), request: () => ({ path: "/api/health" }) },
  { route: "/api/auth/[...nextauth]", method: "GET", expect: page(200, 200), request: () => ({ path: "/api/auth/session" }) },
  // next-auth takes forms only: a JSON post is a 400 before it reaches next-auth (whose own CSRF
  // token check refuses a form without the token; e2e/api/sign-in.spec.ts drives the real forms).
  { route: "/api/auth/[...nextauth]", method: "POST", expect: asVisitor({ anonymous: 400, viewer: 400, member: 400, owner: 400, outsider: 400 }), request: () => ({ path: "/api/auth/signout" }) },
  { route: "/api/signup", method: "POST", expect: asVisitor({ anonymous: 400, viewer: 400, member: 400, owner: 400, outsider: 400 }), request: () => ({ path: "/api/signup", body: { email: "not-an-email" } }) },
  { route: "/api/workspaces", method: "GET", expect: page(401, 200), request: () => ({ path: "/api/workspaces" }) },
  {
    route: "/api/workspaces",
    method: "POST",
    expect: page(401, 201, 201),
    request: () => ({ path: "/api/workspaces", body: { name: "Authz", slug: `authz-${unique()}` } }),
  },
  {
    route: "/api/invitations/[token]/accept",
    method: "POST",
    expect: page(401, 404, 404),
    request: () => ({ path: "/api/invitations/not-a-real-token-0123456789abcdef/accept" }),
  },

  // Workspace routes
  { route: "/api/w/[workspace]/boards", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/boards" }) },
  { route: "/api/w/[workspace]/boards", method: "POST", expect: admin(201), request: () => ({ path: "/api/w/acme/boards", body: { name: "Authz board", key: letters() } }) },
  { route: "/api/w/[workspace]/boards/[board]", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/boards/WEB" }) },
  // Unlinking a board that is not linked: allowed for admins, a no-op.
  { route: "/api/w/[workspace]/boards/[board]/repository", method: "PUT", expect: admin(200), request: () => ({ path: "/api/w/acme/boards/WEB/repository", body: { repository: null } }) },
  { route: "/api/w/[workspace]/github", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/github" }) },
  {
    route: "/api/w/[workspace]/agents/[id]",
    method: "PATCH",
    expect: admin(200),
    request: async () => ({ path: `/api/w/acme/agents/${(await agentTokens()).agentId}`, body: { mention: null } }),
  },
  // Connecting asks GitHub first; here nothing answers at the address, so an admin gets 400 (apiUrl) and nothing is stored.
  {
    route: "/api/w/[workspace]/github",
    method: "PUT",
    expect: admin(400),
    request: () => ({ path: "/api/w/acme/github", body: { token: "ghp_authz-test-token", apiUrl: "http://127.0.0.1:9" } }),
  },
  { route: "/api/w/[workspace]/github", method: "DELETE", expect: admin(200), request: () => ({ path: "/api/w/acme/github" }) },
  { route: "/api/w/[workspace]/events", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/events" }) },
  // Leverage sessions: anyone in the workspace reads them; only the session's own person changes
  // one (each caller gets a session of their own; viewers and outsiders get the member's).
  { route: "/api/w/[workspace]/sessions", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/sessions" }) },
  {
    route: "/api/w/[workspace]/sessions",
    method: "POST",
    expect: write(201),
    request: async (caller) => {
      const starter = caller === "admin" || caller === "owner" ? caller : "member";
      const task = await call(starter, "POST", "/api/w/acme/tasks", { boardKey: await fixtureBoard(), title: `Authz session ${unique()}`, lane: "leverage" });
      return { path: "/api/w/acme/sessions", body: { taskKey: (task.body as { task: { key: string } }).task.key, previous: "pause" } };
    },
  },
  { route: "/api/w/[workspace]/sessions/[id]", method: "GET", expect: read, request: async () => ({ path: `/api/w/acme/sessions/${(await freshSession()).id}` }) },
  {
    route: "/api/w/[workspace]/sessions/[id]",
    method: "PATCH",
    expect: write(200),
    request: async (caller) => {
      const session = await freshSession(caller);
      return { path: `/api/w/acme/sessions/${session.id}`, body: { version: session.version, phase: "design" } };
    },
  },
  { route: "/api/w/[workspace]/sessions/[id]/approaches", method: "POST", expect: write(201), request: async (caller) => ({ path: `/api/w/acme/sessions/${(await freshSession(caller)).id}/approaches`, body: { name: "Authz approach" } }) },
  {
    route: "/api/w/[workspace]/sessions/[id]/approaches/[itemId]",
    method: "PATCH",
    expect: write(200),
    request: async (caller) => {
      const item = await freshSessionItem(caller, "approaches");
      return { path: `/api/w/acme/sessions/${item.sessionId}/approaches/${item.itemId}`, body: { chosen: true } };
    },
  },
  {
    route: "/api/w/[workspace]/sessions/[id]/approaches/[itemId]",
    method: "DELETE",
    expect: write(200),
    request: async (caller) => {
      const item = await freshSessionItem(caller, "approaches");
      return { path: `/api/w/acme/sessions/${item.sessionId}/approaches/${item.itemId}` };
    },
  },
  { route: "/api/w/[workspace]/sessions/[id]/ai-token", method: "POST", expect: write(201), request: async (caller) => ({ path: `/api/w/acme/sessions/${(await freshSession(caller)).id}/ai-token` }) },
  // The session-hook endpoint's gate is the session's own token: no member, cookie or API token gets in.
  { route: "/api/v1/session-hooks", method: "POST", expect: agentApi(401, 401, 401), request: () => ({ path: "/api/v1/session-hooks", body: { session_id: "x", hook_event_name: "Stop" } }) },
  { route: "/api/w/[workspace]/sessions/[id]/interrupts", method: "POST", expect: write(201), request: async (caller) => ({ path: `/api/w/acme/sessions/${(await freshSession(caller)).id}/interrupts`, body: { category: "security" } }) },
  { route: "/api/w/[workspace]/sessions/[id]/notes", method: "POST", expect: write(201), request: async (caller) => ({ path: `/api/w/acme/sessions/${(await freshSession(caller)).id}/notes`, body: { body: "Authz note" } }) },
  {
    route: "/api/w/[workspace]/sessions/[id]/notes/[itemId]",
    method: "PATCH",
    expect: write(200),
    request: async (caller) => {
      const item = await freshSessionItem(caller, "notes");
      return { path: `/api/w/acme/sessions/${item.sessionId}/notes/${item.itemId}`, body: { done: true } };
    },
  },
  { route: "/api/w/[workspace]/invitations", method: "POST", expect: admin(201), request: () => ({ path: "/api/w/acme/invitations" }) },
  { route: "/api/w/[workspace]/members", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/members" }) },
  {
    route: "/api/w/[workspace]/members/[userId]",
    method: "DELETE",
    expect: admin(200),
    request: async () => ({ path: `/api/w/acme/members/${await freshMember()}` }),
  },
  { route: "/api/w/[workspace]/tasks", method: "POST", expect: write(201), request: async () => ({ path: "/api/w/acme/tasks", body: { boardKey: await fixtureBoard(), title: "Authz create" } }) },
  { route: "/api/w/[workspace]/tasks/[key]", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1" }) },
  {
    route: "/api/w/[workspace]/tasks/[key]",
    method: "PATCH",
    expect: write(200),
    request: async () => {
      const task = await freshTask();
      return { path: `/api/w/acme/tasks/${task.key}`, body: { version: task.version, title: "Authz edit" } };
    },
  },
  {
    route: "/api/w/[workspace]/tasks/[key]",
    method: "DELETE",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await freshTask()).key}` }),
  },
  {
    route: "/api/w/[workspace]/tasks/[key]/move",
    method: "POST",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await freshTask()).key}/move`, body: { lane: "leverage", status: "ready", afterId: null } }),
  },
  {
    route: "/api/w/[workspace]/tasks/[key]/restore",
    method: "POST",
    expect: write(200),
    request: async () => {
      const task = await freshTask();
      await call("owner", "DELETE", `/api/w/acme/tasks/${task.key}`);
      return { path: `/api/w/acme/tasks/${task.key}/restore` };
    },
  },
  { route: "/api/w/[workspace]/tasks/[key]/events", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/events" }) },

  // Triage, specs, revisions, templates, settings
  {
    route: "/api/w/[workspace]/tasks/[key]/triage",
    method: "PUT",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await freshTask()).key}/triage`, body: { answers: { knowWhat: true } } }),
  },
  { route: "/api/w/[workspace]/tasks/[key]/spec", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/spec" }) },
  {
    route: "/api/w/[workspace]/tasks/[key]/spec",
    method: "PUT",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await freshTask()).key}/spec`, body: { markdown: "## Outcome\nA spec.", baseRevision: 0 } }),
  },
  { route: "/api/w/[workspace]/tasks/[key]/spec/notes", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/spec/notes" }) },
  { route: "/api/w/[workspace]/tasks/[key]/spec/references", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/spec/references?ref=src%2Fpagination.ts%3A142" }) },
  { route: "/api/w/[workspace]/tasks/[key]/spec/revisions", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/spec/revisions" }) },
  {
    route: "/api/w/[workspace]/tasks/[key]/spec/revisions/[number]",
    method: "GET",
    expect: read,
    request: async () => ({ path: `/api/w/acme/tasks/${(await taskWithRevisions(1)).key}/spec/revisions/1` }),
  },
  {
    route: "/api/w/[workspace]/tasks/[key]/spec/revisions/[number]/restore",
    method: "POST",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await taskWithRevisions(2)).key}/spec/revisions/1/restore`, body: { baseRevision: 2 } }),
  },
  { route: "/api/w/[workspace]/templates", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/templates" }) },
  {
    route: "/api/w/[workspace]/templates",
    method: "POST",
    expect: admin(201),
    request: () => ({ path: "/api/w/acme/templates", body: { name: `Authz template ${unique()}`, markdown: "## Outcome\nx" } }),
  },
  {
    route: "/api/w/[workspace]/templates/[id]",
    method: "DELETE",
    expect: admin(200),
    request: async () => {
      const created = await call("owner", "POST", "/api/w/acme/templates", { name: `Authz doomed ${unique()}`, markdown: "## Outcome\nx" });
      return { path: `/api/w/acme/templates/${(created.body as { template: { id: string } }).template.id}` };
    },
  },
  { route: "/api/w/[workspace]/settings", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/settings" }) },
  {
    route: "/api/w/[workspace]/settings",
    method: "PATCH",
    expect: admin(200),
    // The version in force (read as the owner), so that only the role decides: an admin's write succeeds.
    request: async () => ({ path: "/api/w/acme/settings", body: { specThreshold: 70, version: await settingsVersion() } }),
  },
  {
    route: "/api/v1/spec-lint",
    method: "POST",
    // Members by session, agents by token (any workspace: linting reads nothing).
    expect: { ...page(401, 200), agent: 200, "agent-elsewhere": 200, "revoked-token": 401, "read-only-token": 200 },
    request: () => ({ path: "/api/v1/spec-lint", body: { markdown: "Please add dark mode to the app." } }),
  },

  {
    route: "/api/v1/metrics",
    method: "GET",
    // Members by session (naming the workspace); tokens only with metrics:read (e2e/ui/dashboard.spec.ts
    // reads the figures with one): the agents' read-write and read-only tokens are refused.
    expect: { ...read, agent: 403, "agent-elsewhere": 404, "revoked-token": 401, "read-only-token": 403 },
    request: () => ({ path: "/api/v1/metrics?workspace=acme&from=2026-11-01&to=2026-11-30" }),
  },

  // Agents and tokens (settings)
  { route: "/api/w/[workspace]/agents", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/agents" }) },
  { route: "/api/w/[workspace]/agents", method: "POST", expect: admin(201), request: () => ({ path: "/api/w/acme/agents", body: { name: `Authz ${unique()}`, kind: "custom" } }) },
  {
    route: "/api/w/[workspace]/agents/[id]/tokens",
    method: "POST",
    expect: admin(201),
    request: async () => {
      const agents = await call("owner", "GET", "/api/w/acme/agents");
      return { path: `/api/w/acme/agents/${(agents.body as { agents: { id: string }[] }).agents[0]?.id}/tokens` };
    },
  },
  {
    route: "/api/w/[workspace]/tokens/[id]",
    method: "DELETE",
    expect: admin(200),
    request: async () => {
      const agents = await call("owner", "GET", "/api/w/acme/agents");
      const id = (agents.body as { agents: { id: string }[] }).agents[0]?.id;
      const token = await call("owner", "POST", `/api/w/acme/agents/${id}/tokens`);
      return { path: `/api/w/acme/tokens/${(token.body as { token: { id: string } }).token.id}` };
    },
  },
  { route: "/api/w/[workspace]/webhook-secret", method: "PUT", expect: admin(200), request: () => ({ path: "/api/w/acme/webhook-secret", body: { secret: "an-authz-test-secret-0123456789" } }) },
  {
    route: "/api/w/[workspace]/tasks/[key]/agent",
    method: "PUT",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/tasks/${(await freshTask()).key}/agent`, body: { agentId: null } }),
  },
  { route: "/api/w/[workspace]/tasks/[key]/submissions", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/submissions" }) },
  { route: "/api/w/[workspace]/tasks/[key]/agent-record", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/tasks/WEB-1/agent-record" }) },

  // Batch review: members review; viewers read; agent tokens are told "people only" (403) on verdicts.
  { route: "/api/w/[workspace]/review/queue", method: "GET", expect: read, request: () => ({ path: "/api/w/acme/review/queue?board=WEB" }) },
  { route: "/api/w/[workspace]/review/attempts/[id]", method: "GET", expect: read, request: async () => ({ path: `/api/w/acme/review/attempts/${(await sharedAttempt()).submissionId}` }) },
  {
    route: "/api/w/[workspace]/review/attempts/[id]/verdict",
    method: "POST",
    expect: peopleOnly(201),
    request: async () => ({ path: `/api/w/acme/review/attempts/${(await freshAttempt()).submissionId}/verdict`, body: { verdict: "request_changes", summary: "Authz round" } }),
  },
  {
    route: "/api/w/[workspace]/review/attempts/[id]/comments",
    method: "POST",
    expect: write(201),
    request: async () => ({
      path: `/api/w/acme/review/attempts/${(await sharedAttempt()).submissionId}/comments`,
      body: { target: "diff", path: "src/config/flags.ts", side: "old", line: 11, body: "Authz draft" },
    }),
  },
  {
    route: "/api/w/[workspace]/review/attempts/[id]/viewed",
    method: "PUT",
    expect: write(200),
    request: async () => ({ path: `/api/w/acme/review/attempts/${(await sharedAttempt()).submissionId}/viewed`, body: { path: "src/config/flags.ts", viewed: true } }),
  },
  {
    route: "/api/w/[workspace]/review/comments/[id]",
    method: "PATCH",
    expect: write(200),
    request: async (caller) => ({ path: `/api/w/acme/review/comments/${await draftOf(caller)}`, body: { body: "Edited draft", version: 1 } }),
  },
  {
    route: "/api/w/[workspace]/review/comments/[id]",
    method: "DELETE",
    expect: write(200),
    request: async (caller) => ({ path: `/api/w/acme/review/comments/${await draftOf(caller)}` }),
  },
  {
    route: "/api/w/[workspace]/review/reviews/[id]/undo",
    method: "POST",
    expect: peopleOnly(200),
    request: async (caller) => {
      // Each reviewer undoes a verdict of their own; everyone else tries the owner's.
      const reviewer = caller === "member" || caller === "admin" ? caller : "owner";
      const verdict = await call(reviewer, "POST", `/api/w/acme/review/attempts/${(await freshAttempt()).submissionId}/verdict`, { verdict: "request_changes", summary: "To undo" });
      return { path: `/api/w/acme/review/reviews/${(verdict.body as { review: { id: string } }).review.id}/undo` };
    },
  },
  { route: "/api/w/[workspace]/review/sessions", method: "POST", expect: write(201), request: () => ({ path: "/api/w/acme/review/sessions" }) },
  {
    route: "/api/w/[workspace]/review/sessions/[id]",
    method: "PATCH",
    expect: write(200),
    request: async (caller) => {
      const owner = caller === "member" || caller === "admin" ? caller : "owner";
      const session = await call(owner, "POST", "/api/w/acme/review/sessions");
      return { path: `/api/w/acme/review/sessions/${(session.body as { session: { id: string } }).session.id}`, body: { submissionId: null } };
    },
  },
  {
    route: "/api/w/[workspace]/review/bulk-accept",
    method: "POST",
    expect: peopleOnly(200),
    request: async () => ({
      path: "/api/w/acme/review/bulk-accept",
      body: { submissionIds: [(await freshAttempt()).submissionId], checklist: ["read_code", "architecture", "security", "edge_cases", "maintainable"] },
    }),
  },

  // The agent API: bearer tokens only
  { route: "/api/v1/tasks", method: "GET", expect: agentApi(200, 200), request: () => ({ path: "/api/v1/tasks" }) },
  { route: "/api/v1/tasks/[key]", method: "GET", expect: agentApi(200), request: async () => ({ path: `/api/v1/tasks/${(await agentTokens()).taskKey}` }) },
  { route: "/api/v1/tasks/[key]/claim", method: "POST", expect: agentApi(200, 404, 403), request: async () => ({ path: `/api/v1/tasks/${(await agentTokens()).taskKey}/claim` }) },
  {
    route: "/api/v1/tasks/[key]/submissions",
    method: "POST",
    expect: agentApi(201, 404, 403),
    request: async () => ({ path: `/api/v1/tasks/${(await agentTokens()).taskKey}/submissions`, body: { summary: `Authz attempt ${unique()}` } }),
  },
  { route: "/api/v1/tasks/[key]/reviews", method: "GET", expect: agentApi(200), request: async () => ({ path: `/api/v1/tasks/${(await agentTokens()).taskKey}/reviews` }) },
  {
    route: "/api/v1/openapi.json",
    method: "GET",
    expect: { ...page(200, 200), agent: 200, "agent-elsewhere": 200, "revoked-token": 200, "read-only-token": 200 },
    request: () => ({ path: "/api/v1/openapi.json" }),
  },
  // MCP: tokens only; a valid token reaches the MCP transport, which speaks JSON-RPC.
  {
    route: "/api/mcp",
    method: "POST",
    expect: agentApi(200, 200),
    request: () => ({ path: "/api/mcp", body: { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} } }),
  },
  { route: "/api/mcp", method: "GET", expect: agentApi(405, 405), request: () => ({ path: "/api/mcp" }) },
  { route: "/api/mcp", method: "DELETE", expect: agentApi(405, 405), request: () => ({ path: "/api/mcp" }) },
  // GitHub: authenticated by the signature, not by sessions or tokens — unsigned is 401 for all.
  {
    route: "/api/webhooks/github/[workspace]",
    method: "POST",
    expect: { ...page(401, 401, 401), agent: 401, "agent-elsewhere": 401, "revoked-token": 401, "read-only-token": 401 },
    request: () => ({ path: "/api/webhooks/github/acme", body: { action: "opened" } }),
  },
];

/** One attempt awaiting review that the read-only rows share (nothing gives it a verdict). */
let shared: ReturnType<typeof freshAttempt> | undefined;
const sharedAttempt = () => (shared ??= freshAttempt("Authz shared attempt"));

/** A draft comment the caller may edit: their own for members, the owner's for everyone else. */
async function draftOf(caller: Caller): Promise<string> {
  const author = caller === "member" || caller === "admin" ? caller : "owner";
  const created = await call(author, "POST", `/api/w/acme/review/attempts/${(await sharedAttempt()).submissionId}/comments`, {
    target: "criterion",
    criterion: "No reads of the flag remain.",
    body: "Authz draft",
  });
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  return (created.body as { comment: { id: string } }).comment.id;
}

/** A fresh account that joined Acme through an invitation, for a removal to remove. */
async function freshMember(): Promise<string> {
  const email = `authz-member-${unique()}${unique()}@example.test`;
  const signUp = await call("anonymous", "POST", "/api/signup", { name: "Authz Member", email, password: "a-long-password" });
  if (signUp.status !== 201) throw new Error(`sign-up: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  const cookie = (await signInOverHttp(email, "a-long-password", { address: testAddress() })).sessionCookie ?? "";
  const invitation = await call("owner", "POST", "/api/w/acme/invitations");
  const token = new URL((invitation.body as { invitation: { url: string } }).invitation.url).pathname.split("/").pop();
  const accepted = await fetch(`${baseURL}/api/invitations/${token}/accept`, { method: "POST", headers: { cookie, "content-type": "application/json" } });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
  return (signUp.body as { user: { id: string } }).user.id;
}

/** Acme's settings version in force: an edit must name it. */
async function settingsVersion(): Promise<number> {
  const settings = await call("owner", "GET", "/api/w/acme/settings");
  if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${JSON.stringify(settings.body)}`);
  return (settings.body as { settings: { version: number } }).settings.version;
}

/** A fresh task whose spec has `count` saved revisions. */
async function taskWithRevisions(count: number) {
  const task = await freshTask();
  for (let revision = 0; revision < count; revision++) {
    const saved = await call("owner", "PUT", `/api/w/acme/tasks/${task.key}/spec`, { markdown: `## Outcome\nDraft ${revision + 1}`, baseRevision: revision });
    if (saved.status !== 200) throw new Error(`could not save a spec revision: ${saved.status}`);
  }
  return task;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The HTTP methods a route file exports, however it exports them: declarations
 * (`export const GET =`, `export async function POST`), export lists with or without renaming
 * (`export { handler as GET, POST }`), and re-exports from another file (`export { GET } from "…"`,
 * `export * from "…"`, which is followed).
 */
function exportedMethods(source: string, file?: string): string[] {
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) methods.add(match[1]!);
  for (const match of source.matchAll(/export\s*(?:const\s*)?\{([^}]*)\}/g)) {
    for (const specifier of match[1]!.split(",")) {
      const name = specifier.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) methods.add(name);
    }
  }
  for (const match of source.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)) {
    const target = resolveModule(match[1]!, file);
    if (target) for (const method of exportedMethods(readFileSync(target, "utf8"), target)) methods.add(method);
  }
  return [...methods].filter((name) => METHODS.includes(name));
}

function resolveModule(specifier: string, from?: string): string | null {
  const base = specifier.startsWith("@/") ? path.resolve(specifier.slice(2)) : from ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      return readFileSync(candidate) && candidate;
    } catch {
      // try the next spelling
    }
  }
  return null;
}

/** Every (route, method) the app serves, read from the file system. */
function discoverRoutes(): string[] {
  const appDir = path.resolve("app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.(tsx?|jsx?|mdx)$/.test(entry.name)) {
        const pattern =
          "/" +
          path
            .relative(appDir, dir)
            .split(path.sep)
            .filter((part) => part && !/^\(.*\)$/.test(part))
            .join("/");
        if (entry.name.startsWith("page.")) found.push(`GET ${pattern}`);
        else for (const method of exportedMethods(readFileSync(full, "utf8"), full)) found.push(`${method} ${pattern}`);
      }
    }
  };
  walk(appDir);
  return [...new Set(found)].sort();
}

test.beforeAll(async () => {
  await agentTokens();
});

test("route discovery sees every way a route file can export a method", () => {
  expect(exportedMethods(`export const GET = route(); export async function POST() {} export function PUT() {}`).sort()).toEqual(["GET", "POST", "PUT"]);
  expect(exportedMethods(`const handler = NextAuth(); export { handler as GET, POST, other as PATCH };`).sort()).toEqual(["GET", "PATCH", "POST"]);
  expect(exportedMethods(`export { DELETE, helper } from "../elsewhere";`)).toEqual(["DELETE"]);
  expect(exportedMethods(`export const { GET, POST } = handlers;`).sort()).toEqual(["GET", "POST"]);
  // A whole module re-exported: its methods are followed into the other file.
  expect(exportedMethods(`export * from "@/app/api/health/route";`)).toEqual(["GET"]);
  expect(exportedMethods(`export const dynamic = "force-dynamic"; export type GETResult = string;`)).toEqual([]);
});

test("every route in app/ is in the authorization table", () => {
  const listed = [...new Set(TABLE.map((row) => `${row.method} ${row.route}`))].sort();
  expect(discoverRoutes()).toEqual(listed);
});

/**
 * Each row is asked three ways, and must answer the same: through the normal instance; with a
 * forged `x-middleware-subrequest` header (the header behind the Next.js middleware-bypass CVEs);
 * and through instance B, which runs with proxy.ts switched off. Authorization lives in the data
 * layer, so neither may change a single status.
 */
const FORGED_SUBREQUEST = "middleware:middleware:middleware:middleware:middleware:proxy:proxy:proxy:proxy:proxy";
const VARIANTS: { name: string; options: CallOptions }[] = [
  { name: "instance A", options: {} },
  { name: "instance A, forged x-middleware-subrequest", options: { headers: { "x-middleware-subrequest": FORGED_SUBREQUEST } } },
  { name: "instance B, proxy.ts off", options: { base: secondBaseURL } },
];

for (const row of TABLE) {
  test(`${row.method} ${row.route}`, async () => {
    test.setTimeout(180_000);
    for (const variant of VARIANTS) {
      const seen: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        const { path: target, body } = await row.request(caller);
        // A refused call must change no row at all (counters of rate limits aside).
        const refused = row.expect[caller] >= 400;
        const before = refused ? await databaseChecksums() : null;
        const result = await call(caller, row.method, target, body, variant.options);
        seen[caller] = result.status;
        if (before && result.status >= 400) {
          expect(changedTables(before, await databaseChecksums()), `${variant.name}: ${caller} ${row.method} ${target} changed rows`).toEqual([]);
        }
        // The MCP transport answers in JSON-RPC, whose errors have their own shape.
        if (result.status >= 400 && target.startsWith("/api/") && !(target === "/api/mcp" && (result.body as { jsonrpc?: string }).jsonrpc)) {
          // Errors always use the one JSON shape, and never leak internals.
          expect(result.body, `${caller} ${row.method} ${target}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(JSON.stringify(result.body)).not.toMatch(/\bat [^\s"]+ \(|node_modules|PrismaClient|"stack"/);
        }
      }
      expect(seen, variant.name).toEqual(row.expect);
    }
  });
}

test("the matrix's size: every route × every caller × three ways", () => {
  // Reported in the closing note of issue 8; a shrinking matrix is a regression too.
  const routes = new Set(TABLE.map((row) => `${row.method} ${row.route}`)).size;
  console.log(`Authorization matrix: ${routes} routes × ${CALLERS.length} callers × ${VARIANTS.length} ways = ${routes * CALLERS.length * VARIANTS.length} checks`);
  expect(CALLERS.length).toBeGreaterThanOrEqual(12);
  expect(routes).toBeGreaterThanOrEqual(60);
});

test.describe("another workspace's data", () => {
  // Acme's owner asks for Globex's things by name: always 404, never 403, never data.
  const paths = [
    ["GET", "/w/globex"],
    ["GET", "/w/globex/b/PLT"],
    ["GET", "/api/w/globex/boards/PLT"],
    ["GET", "/api/w/globex/tasks/PLT-1"],
    ["PATCH", "/api/w/globex/tasks/PLT-1"],
    ["DELETE", "/api/w/globex/tasks/PLT-1"],
    ["POST", "/api/w/globex/tasks/PLT-1/move"],
    ["GET", "/api/w/globex/events"],
    ["GET", "/api/w/globex/tasks/PLT-1/agent-record"],
  ] as const;
  for (const [method, target] of paths) {
    test(`${method} ${target} as Acme's owner → 404`, async () => {
      const body = method === "PATCH" ? { version: 1, title: "x" } : method === "POST" ? { lane: "delegate", status: "ready", afterId: null } : undefined;
      const result = await call("owner", method, target, body);
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.body)).not.toContain("Rotate");
    });
  }

  test("Acme task keys used under Globex's URL are not found", async () => {
    const result = await call("outsider", "GET", "/api/w/globex/tasks/WEB-1");
    expect(result.status).toBe(404);
  });
});
