import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { getTask } from "@/lib/task/data";
import { createTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getAgentTask, listAssignedTasks, listReviews } from "./data";
import { scopeForBearer } from "./gate";
import { assignAgent, claimTask, createAgent, createSubmission, createToken, operatorCreateToken, operatorRevokeToken, revokeToken, sealStoredSecrets, setWebhookSecret } from "./mutations";
import { isSealed } from "@/lib/core/secrets";
import { verifyDelivery } from "@/lib/github/gate";
import { sign } from "@/lib/github/signature";
import { generateToken, hashToken, tokenMatches, TOKEN_PATTERN } from "./token";
import { consumeRateLimit, RateLimiterMemory } from "@/lib/http/rate-limit";

let ws: TestWorkspace;
let other: TestWorkspace;

async function agentWithTask(workspace: TestWorkspace, name: string) {
  const agent = await createAgent(workspace.scopes.admin, { name, kind: "devin" });
  const { token, id: tokenId } = await createToken(workspace.scopes.admin, agent.id);
  const task = await createTask(workspace.scopes.member, {
    boardKey: workspace.boardKey,
    title: `Task for ${name}`,
    lane: "delegate",
    status: "ready",
    overDelegationReason: "Fixture",
    gateOverrideReason: "Fixture",
  });
  await assignAgent(workspace.scopes.member, task.key, { agentId: agent.id });
  const { scope } = await scopeForBearer(`Bearer ${token}`);
  return { agent, token, tokenId, task, scope };
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
});

describe("tokens", () => {
  it("have 190 random bits in a fixed format, and only their hash and prefix are stored", async () => {
    const a = generateToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(new Set(Array.from({ length: 200 }, generateToken)).size).toBe(200);
    const { agent, token } = await agentWithTask(ws, "Hash check");
    const rows = await db().apiToken.findMany({ where: { agentId: agent.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.prefix).toBe(token.slice(0, 12));
    expect(tokenMatches(token, rows[0]?.tokenHash ?? "")).toBe(true);
    expect(tokenMatches(generateToken(), rows[0]?.tokenHash ?? "")).toBe(false);
  });

  it("refuse malformed, unknown and wrong tokens with the same 401", async () => {
    const { token } = await agentWithTask(ws, "Wrong tokens");
    for (const header of [null, "", "Bearer", "Basic abc", `Bearer ${generateToken()}`, `Bearer ${token.slice(0, 12)}${"x".repeat(24)}`]) {
      const error = await caught(scopeForBearer(header));
      expect(error.code, String(header)).toBe("unauthenticated");
    }
  });

  it("record their last use", async () => {
    const { agent, token } = await agentWithTask(ws, "Last used");
    await db().apiToken.updateMany({ where: { agentId: agent.id }, data: { lastUsedAt: null } });
    await scopeForBearer(`Bearer ${token}`);
    const row = await db().apiToken.findFirst({ where: { agentId: agent.id } });
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("are refused on the very next request after revocation", async () => {
    const { token, tokenId } = await agentWithTask(ws, "Revoked");
    await scopeForBearer(`Bearer ${token}`);
    await revokeToken(ws.scopes.admin, tokenId);
    expect((await caught(scopeForBearer(`Bearer ${token}`))).code).toBe("unauthenticated");
    expect((await caught(revokeToken(ws.scopes.admin, tokenId))).code).toBe("not_found");
  });

  it("are managed by admins only, inside their own workspace", async () => {
    const agent = await createAgent(ws.scopes.owner, { name: "Managed", kind: "codex" });
    expect((await caught(createToken(ws.scopes.member, agent.id))).code).toBe("forbidden");
    expect((await caught(createAgent(ws.scopes.member, { name: "Nope", kind: "codex" }))).code).toBe("forbidden");
    expect((await caught(createToken(other.scopes.owner, agent.id))).code).toBe("not_found");
    const { id } = await createToken(ws.scopes.owner, agent.id);
    expect((await caught(revokeToken(other.scopes.owner, id))).code).toBe("not_found");
    expect(await db().apiToken.count({ where: { agentId: agent.id, revokedAt: null } })).toBe(1);
  });

  it("are bound to one workspace: another workspace's tasks are not found", async () => {
    const mine = await agentWithTask(ws, "Bound A");
    const theirs = await agentWithTask(other, "Bound B");
    expect(mine.scope.workspaceId).not.toBe(theirs.scope.workspaceId);
    // Both boards are called TST, so the key exists in both; each agent only reaches its own.
    expect((await getAgentTask(mine.scope, mine.task.key)).title).toBe("Task for Bound A");
    expect((await caught(getAgentTask(mine.scope, theirs.task.key))).code).toBe("not_found");
    expect((await caught(claimTask(mine.scope, theirs.task.key))).code).toBe("not_found");
    expect((await caught(createSubmission(mine.scope, theirs.task.key, { summary: "x" }, { source: "api" }))).code).toBe("not_found");
    expect((await listAssignedTasks(mine.scope)).map((t) => t.title)).not.toContain("Task for Bound B");
  });

  it("can be created and revoked by the operator CLI functions", async () => {
    const created = await operatorCreateToken({ workspace: ws.slug, agent: "CLI agent", kind: "cursor" });
    expect(created.token).toMatch(TOKEN_PATTERN);
    expect(created.agent).toMatchObject({ name: "CLI agent", kind: "cursor", created: true });
    const again = await operatorCreateToken({ workspace: ws.slug, agent: "CLI agent" });
    expect(again.agent.created).toBe(false);
    await operatorRevokeToken(created.prefix);
    expect((await caught(scopeForBearer(`Bearer ${created.token}`))).code).toBe("unauthenticated");
    await scopeForBearer(`Bearer ${again.token}`);
    expect((await caught(operatorCreateToken({ workspace: "no-such-workspace", agent: "X" }))).code).toBe("not_found");
  });
});

describe("read-only tokens", () => {
  it("read the agent's tasks and feedback, and are refused claims and submissions (403), changing nothing", async () => {
    const { agent, task } = await agentWithTask(ws, "Reader");
    const { token } = await createToken(ws.scopes.admin, agent.id, { access: "read" });
    const { scope } = await scopeForBearer(`Bearer ${token}`);
    expect(scope.role).toBe("agent_reader");
    expect((await listAssignedTasks(scope)).map((t) => t.key)).toEqual([task.key]);
    expect(await getAgentTask(scope, task.key)).toMatchObject({ key: task.key });
    expect(await listReviews(scope, task.key)).toEqual([]);
    const before = await getTask(ws.scopes.member, task.key);
    const claim = await caught(claimTask(scope, task.key));
    expect([claim.code, claim.message]).toEqual(["forbidden", expect.stringMatching(/read-only/)]);
    expect((await caught(createSubmission(scope, task.key, { summary: "Sneaky" }, { source: "api" }))).code).toBe("forbidden");
    expect(await getTask(ws.scopes.member, task.key)).toEqual(before);
    // An unknown access level is refused by name.
    expect((await caught(createToken(ws.scopes.admin, agent.id, { access: "admin" }))).fields).toHaveProperty("access");
  });
});

describe("agent work", () => {
  it("sees only its assigned tasks, claims one and submits attempts", async () => {
    const { scope, task } = await agentWithTask(ws, "Worker");
    expect((await listAssignedTasks(scope)).map((t) => t.key)).toEqual([task.key]);
    const seen = await getAgentTask(scope, task.key);
    expect(seen).toMatchObject({ key: task.key, loop: { count: 0, limit: 2 }, attempts: 0, latestReview: null });
    expect(await claimTask(scope, task.key)).toMatchObject({ status: "in_progress" });
    const first = await createSubmission(scope, task.key, { summary: "First", checks: { status: "failed", log: "1 failing" } }, { source: "api" });
    const second = await createSubmission(scope, task.key, { summary: "Second", diff: "diff --git a/x b/x\n" }, { source: "mcp" });
    expect([first.submission.attempt, second.submission.attempt]).toEqual([1, 2]);
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ status: "in_review", attempts: 2, lifecycle: { stage: "submitted" } });
    expect(await listReviews(scope, task.key)).toEqual([]);
  });

  it("a member's scope cannot do agent work", async () => {
    const { task } = await agentWithTask(ws, "Not a member thing");
    expect((await caught(claimTask(ws.scopes.owner, task.key))).code).toBe("forbidden");
  });

  it("refuses a diff over the limit with 413 and writes nothing", async () => {
    const { scope, task } = await agentWithTask(ws, "Big diff");
    const error = await caught(createSubmission(scope, task.key, { summary: "Huge", diff: "x".repeat(1024 * 1024 + 1) }, { source: "api" }));
    expect(error.code).toBe("payload_too_large");
    expect(await db().submission.count({ where: { task: { id: task.id } } })).toBe(0);
  });

  it("is idempotent: 10 concurrent identical submissions with one key make one attempt", async () => {
    const { scope, task } = await agentWithTask(ws, "Idempotent");
    const body = { summary: "Same attempt", branch: "b", diff: "diff --git a/y b/y\n" };
    const results = await Promise.all(Array.from({ length: 10 }, () => createSubmission(scope, task.key, body, { source: "api", idempotencyKey: "key-1" })));
    expect(new Set(results.map((r) => r.submission.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().submission.count({ where: { taskId: task.id } })).toBe(1);

    const reused = await caught(createSubmission(scope, task.key, { ...body, summary: "Different" }, { source: "api", idempotencyKey: "key-1" }));
    expect(reused.code).toBe("unprocessable");
    const next = await createSubmission(scope, task.key, body, { source: "api", idempotencyKey: "key-2" });
    expect(next.submission.attempt).toBe(2);
  });

  it("eight agents handing back at once: each attempt lands once, last in In review, with one event", async () => {
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => agentWithTask(ws, `Rush ${i}`)));
    await Promise.all(agents.map(({ scope, task }) => claimTask(scope, task.key)));
    const reviewBefore = await db().task.count({ where: { workspaceId: ws.scopes.owner.workspaceId, lane: "delegate", status: "in_review", deletedAt: null } });
    // All read the same last card of Delegate · In review: all but one lose the race and read again.
    const results = await Promise.all(agents.map(({ scope, task }) => createSubmission(scope, task.key, { summary: "Done", diff: "diff --git a/z b/z\n" }, { source: "api" })));
    expect(results.every((r) => r.created && r.submission.attempt === 1)).toBe(true);
    const cell = await db().task.findMany({
      where: { workspaceId: ws.scopes.owner.workspaceId, lane: "delegate", status: "in_review", deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    expect(cell).toHaveLength(reviewBefore + 8);
    expect(new Set(cell.slice(-8).map((t) => t.id))).toEqual(new Set(agents.map((a) => a.task.id)));
    expect(await db().taskEvent.count({ where: { type: "submitted", taskId: { in: agents.map((a) => a.task.id) } } })).toBe(8);
  });

  it("assigns only delegate tasks, to agents of the same workspace", async () => {
    const { agent } = await agentWithTask(ws, "Assign rules");
    const leverage = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Unknown work", lane: "leverage" });
    expect((await caught(assignAgent(ws.scopes.member, leverage.key, { agentId: agent.id }))).code).toBe("invalid");
    const foreign = await createAgent(other.scopes.admin, { name: "Foreign", kind: "custom" });
    const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Delegated", lane: "delegate", overDelegationReason: "Fixture" });
    expect((await caught(assignAgent(ws.scopes.member, task.key, { agentId: foreign.id }))).code).toBe("invalid");
    expect((await caught(assignAgent(ws.scopes.viewer, task.key, { agentId: agent.id }))).code).toBe("forbidden");
    expect((await getTask(ws.scopes.member, task.key)).agent).toBeNull();
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a token is over its budget", async () => {
    const limiter = new RateLimiterMemory({ points: 3, duration: 60 });
    for (let i = 0; i < 3; i++) await consumeRateLimit("token-x", limiter);
    const error = await caught(consumeRateLimit("token-x", limiter));
    expect(error.code).toBe("rate_limited");
    expect(Number(error.headers?.["Retry-After"])).toBeGreaterThan(0);
    await consumeRateLimit("token-y", limiter);
  });
});

describe("submission links", () => {
  it("accept only http(s) URLs, so a javascript: link can never reach a reviewer", async () => {
    const { scope, task } = await agentWithTask(ws, "Links");
    for (const prUrl of ["javascript:alert(1)", "data:text/html,x", "ftp://example.com/x"]) {
      const error = await caught(createSubmission(scope, task.key, { summary: "x", prUrl }, { source: "api" }));
      expect(error.code, prUrl).toBe("invalid");
      expect(error.fields?.prUrl).toBeDefined();
    }
    const bad = await caught(createSubmission(scope, task.key, { summary: "x", checks: { status: "passed", url: "javascript:alert(1)" } }, { source: "api" }));
    expect(bad.code).toBe("invalid");
    const ok = await createSubmission(scope, task.key, { summary: "x", prUrl: "https://github.com/acme/web/pull/1" }, { source: "api" });
    expect(ok.submission.prUrl).toBe("https://github.com/acme/web/pull/1");
  });
});

describe("the webhook secret at rest", () => {
  it("is stored encrypted, still verifies deliveries, and an old plain one is sealed by sealStoredSecrets", async () => {
    const ws = await createTestWorkspace();
    const secret = "whsec-at-rest-0123456789-abcdef";
    await setWebhookSecret(ws.scopes.admin, { secret });
    const stored = (await db().workspace.findUniqueOrThrow({ where: { slug: ws.slug }, select: { webhookSecret: true } })).webhookSecret as string;
    expect(stored).not.toContain(secret);
    expect(isSealed(stored)).toBe(true);
    const body = JSON.stringify({ zen: "Keep it logically awesome." });
    await expect(verifyDelivery(ws.slug, body, sign(body, secret))).resolves.toMatchObject({ workspace: { slug: ws.slug } });
    await expect(verifyDelivery(ws.slug, body, sign(body, "not-the-secret-0123456789"))).rejects.toMatchObject({ code: "unauthenticated" });

    // A secret stored in plain text by an older version: still verifies, and is sealed on start.
    await db().workspace.update({ where: { slug: ws.slug }, data: { webhookSecret: "legacy-plain-secret-0123456789" } });
    await expect(verifyDelivery(ws.slug, body, sign(body, "legacy-plain-secret-0123456789"))).resolves.toBeTruthy();
    expect(await sealStoredSecrets()).toBeGreaterThanOrEqual(1);
    const sealed = (await db().workspace.findUniqueOrThrow({ where: { slug: ws.slug }, select: { webhookSecret: true } })).webhookSecret as string;
    expect(isSealed(sealed)).toBe(true);
    await expect(verifyDelivery(ws.slug, body, sign(body, "legacy-plain-secret-0123456789"))).resolves.toBeTruthy();
    // Idempotent: a sealed secret is left as it is.
    await sealStoredSecrets();
    expect((await db().workspace.findUniqueOrThrow({ where: { slug: ws.slug }, select: { webhookSecret: true } })).webhookSecret).toBe(sealed);
  });
});
