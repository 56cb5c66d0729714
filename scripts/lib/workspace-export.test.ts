// Workspace export and import against PostgreSQL: a workspace with every kind of row goes into an
// empty database byte for byte (less the secrets left out on purpose), members known there by
// email are reused, and an import that would collide is refused and changes nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeForBearer } from "@/lib/agent/gate";
import { assignAgent, claimTask, createAgent, createSubmission, createToken, setWebhookSecret } from "@/lib/agent/mutations";
import { scopeForUser } from "@/lib/auth/scope";
import { db } from "@/lib/core/db";
import { createComment, giveVerdict, setFileViewed, startSession } from "@/lib/review/mutations";
import { createTemplate, saveSpec } from "@/lib/spec/mutations";
import { scopeForSessionToken } from "@/lib/session/gate";
import { addApproach, addInterrupt, addNote, createAiToken, recordAiEvent, startSession as startLeverageSession } from "@/lib/session/mutations";
import { createTask, deleteTask, moveTask, updateTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { createInvitation } from "@/lib/workspace/mutations";
import { RefusedError } from "./backup";
import { applyMigrations } from "./migrate";
import { scratchDatabases } from "./scratch-db";
import { EXPORTED_TABLES, exportWorkspace, importWorkspace } from "./workspace-export";

const source = process.env.DATABASE_URL as string;
const scratch = scratchDatabases(source);
const dir = mkdtempSync(path.join(tmpdir(), "baton-export-"));

// Unicode beyond the BMP, a joined emoji, CRLF line ends, a tab, trailing spaces.
const SPEC = "## Outcome\r\nÜberall — 日本語 🚀 👩‍👩‍👧 done.\r\n\r\n## Success criteria\r\n- [ ] Tabs\tstay.   \r\n- [ ] Zero-width\u200bjoiner and \u2028 separator.\r\n";
// Tabs, trailing spaces, CRLF, backslashes that look like escapes of bytes that are not UTF-8,
// and a line that is exactly COPY's end-of-data marker.
const DIFF =
  "diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,3 @@\n" +
  " \tconst a = 1;   \n-const b = '\\xff\\xfe\\377';\r\n+const b = \"\\u0000 \\\\ \\n\";\t\n+\\.\n";

let ws: TestWorkspace;
let workspaceId: string;
let formerId: string;
let file: string;
let exported: { id: string; email: string }[];

/** Which rows of a table belong to the workspace, for comparing two databases. */
function filterOf(table: string): [string, unknown] {
  if (table === "users") return ["id = ANY($1::text[])", exported.map((u) => u.id)];
  return [table === "workspaces" ? "id = $1" : "workspace_id = $1", workspaceId];
}

/** Rows and a checksum of the workspace's rows in every exported table, as PostgreSQL prints them. */
async function snapshot(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const table of EXPORTED_TABLES) {
      const { rows: columns } = await client.query<{ name: string }>(
        "SELECT attname::text AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [table.name],
      );
      const kept = columns.map((c) => c.name).filter((c) => !(c in (table.omit ?? {})));
      const [where, param] = filterOf(table.name);
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) AS md5
         FROM (SELECT ${kept.map(pg.escapeIdentifier).join(", ")} FROM ${pg.escapeIdentifier(table.name)} WHERE ${where}) r`,
        [param],
      );
      result[table.name] = rows[0] as { rows: number; md5: string };
    }
    return result;
  } finally {
    await client.end();
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function migratedScratch(): Promise<string> {
  const url = await scratch.create();
  await applyMigrations(url);
  return url;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  workspaceId = ws.scopes.owner.workspaceId;
  const { owner, admin, member } = ws.scopes;

  // Tasks in several cells, moved and edited, one deleted; the owner changes (an event's JSON names users).
  const first = await createTask(member, { boardKey: ws.boardKey, title: "First", description: `See "${ws.users.member.id}" for context.`, ownerId: ws.users.member.id });
  await createTask(member, { boardKey: ws.boardKey, title: "Second", labels: ["api", "größe"] });
  const third = await createTask(member, { boardKey: ws.boardKey, title: "Third", status: "ready" });
  await moveTask(member, third.key, { lane: "leverage", status: "backlog", afterId: null });
  await updateTask(member, first.key, { version: first.version, ownerId: ws.users.admin.id });
  const gone = await createTask(member, { boardKey: ws.boardKey, title: "Deleted" });
  await deleteTask(member, gone.key);

  // A spec with two revisions, a template, an agent with a token, an attempt with its diff.
  await createTemplate(admin, { name: "Émoji 🚀 template", description: "Trailing  ", markdown: SPEC });
  const agent = await createAgent(admin, { name: "Agent ✓", kind: "claude_code" });
  const { token } = await createToken(admin, agent.id);
  const { scope: agentScope } = await scopeForBearer(`Bearer ${token}`);
  const task = await createTask(member, {
    boardKey: ws.boardKey,
    title: "Delegated",
    lane: "delegate",
    status: "ready",
    ownerId: ws.users.member.id,
    overDelegationReason: "Fixture",
    gateOverrideReason: "Fixture",
  });
  await saveSpec(member, task.key, { markdown: "draft", baseRevision: 0 });
  await saveSpec(member, task.key, { markdown: SPEC, baseRevision: 1 });
  await assignAgent(member, task.key, { agentId: agent.id });
  await claimTask(agentScope, task.key);
  const { submission } = await createSubmission(agentScope, task.key, { summary: "Attempt ü", diff: DIFF, checks: { status: "failed", log: "x\ty\r\n" } }, { source: "api" });

  // A review sitting: a viewed file, comments (one by a member who has left since), a verdict.
  const session = await startSession(owner);
  await setFileViewed(owner, submission.id, { path: "src/a.ts", viewed: true });
  await createComment(owner, submission.id, { target: "diff", path: "src/a.ts", side: "new", line: 2, body: "Why\tthis?  " });
  const former = await db().user.create({ data: { email: `former-${workspaceId}@test.local`, name: "Former" } });
  formerId = former.id;
  await db().membership.create({ data: { workspaceId, userId: former.id, role: "member" } });
  await createComment(await scopeForUser(ws.slug, former.id), submission.id, { target: "diff", path: "src/a.ts", side: "old", line: 1, body: "Old line." });
  await giveVerdict(owner, submission.id, { verdict: "request_changes", summary: "Fix the \\xff.", sessionId: session.id });
  await db().membership.deleteMany({ where: { userId: former.id } });

  // A leverage session on the Leverage-lane task, with everything a session gathers, its AI linked.
  const leverage = (await startLeverageSession(member, { taskKey: third.key })).session;
  await addApproach(member, leverage.id, { name: "Ré-use the cache", pros: "Fast\nand simple", cons: "" });
  await addInterrupt(member, leverage.id, { category: "wrong_assumption", note: "Rows are not sorted" });
  await addNote(member, leverage.id, { body: "Check the TTL" });
  const { token: hookToken } = await createAiToken(member, leverage.id);
  const hookGate = await scopeForSessionToken(`Bearer ${hookToken}`);
  await recordAiEvent(hookGate.scope, hookGate.sessionId, { session_id: "claude-1", hook_event_name: "UserPromptSubmit", prompt: "Why?" });

  // Secrets that must stay behind.
  await setWebhookSecret(admin, { secret: "a-webhook-secret-of-some-length" });
  await createInvitation(owner);
  await db().user.update({ where: { id: ws.users.owner.id }, data: { passwordHash: "$2a$10$not-a-real-hash" } });
  // JSON numbers JavaScript would change: a scale and a 20-digit integer.
  await db().$executeRaw`UPDATE task_events SET after = '{"n": 1.0, "big": 12345678901234567890}'::jsonb WHERE id = (SELECT id FROM task_events WHERE workspace_id = ${workspaceId} ORDER BY id LIMIT 1)`;

  file = path.join(dir, "export.json");
  await exportWorkspace(source, ws.slug, file);
  exported = (JSON.parse(readFileSync(file, "utf8")) as { tables: { users: { id: string; email: string }[] } }).tables.users;
});

afterAll(async () => {
  await scratch.dropAll();
  rmSync(dir, { recursive: true, force: true });
});

describe("workspace export", { timeout: 60_000 }, () => {
  it("carries every table of the database, or leaves it out on purpose", async () => {
    // Credentials (sessions, API tokens, the GitHub connection's token), per-instance state (rate-limit counters), caches (code snapshots) and the migration history are not a workspace's.
    const skipped = ["_prisma_migrations", "accounts", "api_tokens", "code_snapshots", "github_connections", "rate_limits", "sessions", "verification_tokens", "webhook_deliveries"];
    const tables = await query<{ name: string }>(source, "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.name)).toEqual([...EXPORTED_TABLES.map((t) => t.name), ...skipped].sort());
  });

  it("holds members and former members, and none of the secrets", () => {
    const text = readFileSync(file, "utf8");
    expect(exported.map((u) => u.id).sort()).toEqual([...Object.values(ws.users).map((u) => u.id), formerId].sort());
    for (const secret of ["password_hash", "token_hash", "webhook_secret", "a-webhook-secret", "not-a-real-hash", "bat_"]) expect(text).not.toContain(secret);
  });

  it("imports into an empty database byte for byte, and exports again to the same file", async () => {
    const target = await migratedScratch();
    const result = await importWorkspace(target, file);
    expect(result).toMatchObject({ workspace: ws.slug, usersCreated: exported.length, usersReused: 0 });
    const copied = await snapshot(source);
    // The fixture has rows in every exported table, so each comparison below means something.
    expect(Object.entries(copied).filter(([, table]) => table.rows === 0)).toEqual([]);
    expect(await snapshot(target)).toEqual(copied);

    const order = (url: string) => query(url, "SELECT board_id, string_agg(id, ',' ORDER BY lane, status, position) AS ids FROM tasks WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1", [workspaceId]);
    expect(await order(target)).toEqual(await order(source));
    const texts = `SELECT (SELECT spec FROM tasks WHERE workspace_id = $1 AND title = 'Delegated') AS spec,
                          (SELECT diff FROM submissions WHERE workspace_id = $1) AS diff,
                          (SELECT string_agg(after::text, '|' ORDER BY id) FROM task_events WHERE workspace_id = $1) AS events`;
    const [stored] = await query<{ spec: string; diff: string; events: string }>(target, texts, [workspaceId]);
    expect(stored?.spec).toBe(SPEC);
    expect(stored?.diff).toBe(DIFF);
    expect(stored?.events).toContain('{"n": 1.0, "big": 12345678901234567890}');

    const [secrets] = await query<{ passwords: number; webhook: string | null; tokens: number; links: string[] }>(
      target,
      `SELECT (SELECT count(*)::int FROM users WHERE password_hash IS NOT NULL) AS passwords,
              (SELECT webhook_secret FROM workspaces) AS webhook,
              (SELECT count(*)::int FROM api_tokens) AS tokens,
              (SELECT array_agg(token_hash) FROM invitations) AS links`,
    );
    expect(secrets).toEqual({ passwords: 0, webhook: null, tokens: 0, links: [expect.stringMatching(/^imported:/)] });

    const again = path.join(dir, "again.json");
    await exportWorkspace(target, ws.slug, again);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });

  it("reuses a user the target knows by email, pointing every row of theirs at that user", async () => {
    const target = await migratedScratch();
    const member = ws.users.member;
    await query(target, "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ('known-here', $1, 'Known', 'their-hash', now())", [member.email]);
    const result = await importWorkspace(target, file);
    expect(result).toMatchObject({ usersCreated: exported.length - 1, usersReused: 1 });

    const [user] = await query<{ id: string; name: string; password_hash: string }>(target, "SELECT id, name, password_hash FROM users WHERE email = $1", [member.email]);
    expect(user).toEqual({ id: "known-here", name: "Known", password_hash: "their-hash" });
    const [refs] = await query<{ memberships: number; owned: number; snapshots: number; stale: number; quoted: string }>(
      target,
      `SELECT (SELECT count(*)::int FROM memberships WHERE user_id = 'known-here') AS memberships,
              (SELECT count(*)::int FROM tasks WHERE owner_id = 'known-here') AS owned,
              (SELECT count(*)::int FROM reviews WHERE before->>'ownerId' = 'known-here') AS snapshots,
              (SELECT count(*)::int FROM task_events WHERE concat(before, after) LIKE '%' || $1 || '%') AS stale,
              (SELECT description FROM tasks WHERE title = 'First') AS quoted`,
      [member.id],
    );
    // Text that merely mentions the old id is text, and stays as written.
    expect(refs).toEqual({ memberships: 1, owned: 1, snapshots: 1, stale: 0, quoted: `See "${member.id}" for context.` });
  });

  it("refuses a workspace the target already has, and changes nothing", async () => {
    const before = await snapshot(source);
    // Users of this export only: other test files add users to the shared database meanwhile.
    const mine = "SELECT count(*)::int AS n FROM users WHERE id = ANY($1::text[])";
    const ids = exported.map((u) => u.id);
    const [users] = await query<{ n: number }>(source, mine, [ids]);
    const refused = await importWorkspace(source, file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefusedError);
    expect((refused as Error).message).toBe(`This database already has a workspace "${ws.slug}". Nothing was imported.`);
    expect(await snapshot(source)).toEqual(before);
    expect(await query(source, mine, [ids])).toEqual([users]);

    const cli = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/baton.ts", "import", file], { env: process.env, encoding: "utf8" });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain(`Refused: This database already has a workspace "${ws.slug}".`);
  });
});
