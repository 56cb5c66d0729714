import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/github/[workspace]/route";
import { db } from "@/lib/core/db";
import { assignAgent, createAgent } from "@/lib/agent/mutations";
import { createBoard } from "@/lib/board/mutations";
import { createTask, deleteTask, moveTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { linkBoard } from "./mutations";
import { DIFF_NOTES } from "./pull-request";
import { sign } from "./signature";
import { checkSuitePayload, pullRequestPayload } from "./test-payloads";

// The receiver end to end: the exported route handler, a real database, signed bodies. Every test
// makes its own workspace, so nothing one test delivers can reach another's tasks.

const SECRET = "whsec-test-0123456789abcdef";
const repoRoot = path.resolve(import.meta.dirname, "../..");
const fixturesDir = path.resolve(repoRoot, "../shared/fixtures/github-webhooks");
const hasFixtures = existsSync(fixturesDir);

// --- Helpers ----------------------------------------------------------------------------------

interface Setup {
  ws: TestWorkspace;
  workspaceId: string;
  agentId: string;
  /** A task assigned to the agent; a key like TST-1. */
  key: string;
  taskId: string;
}

/** The repository our own payloads come from; the board of every setup is linked to it. */
const REPOSITORY = "acme/web";

async function setup(options: { secret?: string | null; repository?: string } = {}): Promise<Setup> {
  const ws = await createTestWorkspace();
  const workspaceId = ws.scopes.owner.workspaceId;
  // Only the board linked to a pull request's repository takes work from it (no connection: no GitHub call).
  await linkBoard(ws.scopes.admin, ws.boardKey, { repository: options.repository ?? REPOSITORY });
  const secret = options.secret === undefined ? SECRET : options.secret;
  await db().workspace.update({ where: { id: workspaceId }, data: { webhookSecret: secret } });
  const agent = await db().agent.create({ data: { workspaceId, name: "Copilot", kind: "copilot" } });
  const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Fix the login form", lane: "delegate", status: "ready", overDelegationReason: "Test task for the webhook", gateOverrideReason: "Test task for the webhook" });
  await db().task.update({ where: { id: task.id }, data: { agentId: agent.id, assignedAt: new Date() } });
  return { ws, workspaceId, agentId: agent.id, key: task.key, taskId: task.id };
}

interface DeliverOptions {
  event?: string | null;
  delivery?: string | null;
  /** The signature header; default: the body signed with SECRET. null sends none. */
  signature?: string | null;
  secret?: string;
}

async function deliver(slug: string, body: string, options: DeliverOptions = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "GitHub-Hookshot/test" };
  const event = options.event === undefined ? "pull_request" : options.event;
  const delivery = options.delivery === undefined ? randomUUID() : options.delivery;
  const signature = options.signature === undefined ? sign(body, options.secret ?? SECRET) : options.signature;
  if (event !== null) headers["x-github-event"] = event;
  if (delivery !== null) headers["x-github-delivery"] = delivery;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  const request = new NextRequest(`http://localhost/api/webhooks/github/${slug}`, { method: "POST", body, headers });
  const response = await POST(request, { params: Promise.resolve({ workspace: slug }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const submissions = (taskId: string) => db().submission.findMany({ where: { taskId }, orderBy: { attempt: "asc" } });
const deliveries = (workspaceId: string) => db().webhookDelivery.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
const taskRow = (taskId: string) => db().task.findUniqueOrThrow({ where: { id: taskId } });
const events = (taskId: string, type?: string) => db().taskEvent.findMany({ where: { taskId, ...(type && { type }) }, orderBy: { createdAt: "asc" } });

/** Everything a delivery could change in a workspace, to prove a refused one changed nothing. */
async function snapshot(workspaceId: string) {
  const [tasks, subs, taskEvents, rows] = await Promise.all([
    db().task.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, status: true, version: true, submittedAt: true } }),
    db().submission.count({ where: { workspaceId } }),
    db().taskEvent.count({ where: { workspaceId } }),
    db().webhookDelivery.count({ where: { workspaceId } }),
  ]);
  return { tasks, subs, taskEvents, rows };
}

type Json = Record<string, unknown> & { pull_request: Record<string, unknown> & { head: Record<string, unknown> } };

interface PayloadSource {
  name: string;
  /** The repository its pull requests come from. */
  repository: string;
  /** A pull_request payload for the action, naming the key (in the title) when one is given. */
  pullRequest(action: "opened" | "synchronize" | "closed", options?: { key?: string; merged?: boolean; nullBody?: boolean; branch?: string }): string;
  checkSuite(): string;
}

/** Our own payloads, written to GitHub's documented format: always available. */
const builderSource: PayloadSource = {
  name: "own payloads",
  repository: REPOSITORY,
  pullRequest: (action, options = {}) =>
    JSON.stringify(
      pullRequestPayload({
        action,
        number: 7,
        title: options.key ? `${options.key} Fix the login form` : "Fix the login form",
        body: options.nullBody ? null : "Validates the e-mail field before sending.\n\nTested locally.",
        branch: options.branch ?? "fix-login",
        merged: options.merged ?? false,
      }),
    ),
  checkSuite: () => JSON.stringify(checkSuitePayload()),
};

/** GitHub's own examples (../shared/fixtures/github-webhooks), rewritten to name a task. */
function readFixture(file: string): string {
  return readFileSync(path.join(fixturesDir, file), "utf8");
}
const fixtureSource: PayloadSource = {
  name: "GitHub fixtures",
  repository: "Codertocat/Hello-World",
  pullRequest: (action, options = {}) => {
    const file = options.nullBody ? "pull_request.opened.with-null-body.json" : `pull_request.${action}.payload.json`;
    const payload = JSON.parse(readFixture(file)) as Json;
    payload.action = action;
    if (options.key) payload.pull_request.title = `${options.key} ${String(payload.pull_request.title)}`;
    if (options.branch) payload.pull_request.head.ref = options.branch;
    if (options.merged !== undefined) payload.pull_request.merged = options.merged;
    return JSON.stringify(payload);
  },
  checkSuite: () => readFixture("check_suite.completed.payload.json"),
};

const sources = hasFixtures ? [builderSource, fixtureSource] : [builderSource];

// --- Per payload source -----------------------------------------------------------------------

describe.each(sources)("with $name", (source) => {
  const setupLinked = (options: { secret?: string | null } = {}) => setup({ ...options, repository: source.repository });
  const prUrl = (body: string) => String((JSON.parse(body) as Json).pull_request.html_url);
  const prNumber = (body: string) => Number((JSON.parse(body) as Json).number);

  it("opened: one attempt on the named task, attributed to its agent, and the task goes to In review", async () => {
    const s = await setupLinked();
    const body = source.pullRequest("opened", { key: s.key });
    const response = await deliver(s.ws.slug, body);
    expect(response).toEqual({ status: 200, body: { status: "processed", tasks: [s.key] } });

    const [submission, ...rest] = await submissions(s.taskId);
    expect(rest).toEqual([]);
    expect(submission).toMatchObject({
      attempt: 1,
      source: "github",
      agentId: s.agentId,
      workspaceId: s.workspaceId,
      prUrl: prUrl(body),
      prNumber: prNumber(body),
      diff: "",
      diffNote: DIFF_NOTES.notConnected,
      diffFetch: null,
      merged: false,
    });
    expect(submission?.summary.startsWith(`PR #${prNumber(body)}: ${s.key} `)).toBe(true);
    expect(submission?.branch).toBe((JSON.parse(body) as Json).pull_request.head.ref);
    const task = await taskRow(s.taskId);
    expect(task.status).toBe("in_review");
    expect(task.submittedAt).not.toBeNull();
    expect(await events(s.taskId, "submitted")).toMatchObject([{ agentId: s.agentId, actorId: null, after: { attempt: 1, source: "github" } }]);
    expect(await deliveries(s.workspaceId)).toMatchObject([{ event: "pull_request", action: "opened", result: "processed" }]);
  });

  it("synchronize: a second attempt", async () => {
    const s = await setupLinked();
    await deliver(s.ws.slug, source.pullRequest("opened", { key: s.key }));
    const response = await deliver(s.ws.slug, source.pullRequest("synchronize", { key: s.key }));
    expect(response).toEqual({ status: 200, body: { status: "processed", tasks: [s.key] } });
    expect((await submissions(s.taskId)).map((x) => [x.attempt, x.source])).toEqual([
      [1, "github"],
      [2, "github"],
    ]);
  });

  it("a redelivery (same X-GitHub-Delivery) is a 200 duplicate that changes nothing", async () => {
    const s = await setupLinked();
    const body = source.pullRequest("opened", { key: s.key });
    const delivery = randomUUID();
    expect((await deliver(s.ws.slug, body, { delivery })).body.status).toBe("processed");
    const before = await snapshot(s.workspaceId);
    expect(await deliver(s.ws.slug, body, { delivery })).toEqual({ status: 200, body: { status: "duplicate", tasks: [] } });
    expect(await submissions(s.taskId)).toHaveLength(1);
    expect(await snapshot(s.workspaceId)).toEqual(before);
  });

  it("a replay (the same signed body under a new delivery id) creates nothing new, even two at once", async () => {
    const s = await setupLinked();
    const body = source.pullRequest("opened", { key: s.key });
    expect((await deliver(s.ws.slug, body)).body.status).toBe("processed");
    const before = await snapshot(s.workspaceId);
    const replays = await Promise.all([deliver(s.ws.slug, body), deliver(s.ws.slug, body), deliver(s.ws.slug, body)]);
    for (const replay of replays) expect(replay).toEqual({ status: 200, body: { status: "duplicate", tasks: [] } });
    expect(await snapshot(s.workspaceId)).toEqual(before);
    expect(await submissions(s.taskId)).toHaveLength(1);
    // A check event replayed is recorded once, too.
    const check = source.checkSuite();
    await deliver(s.ws.slug, check, { event: "check_suite" });
    await deliver(s.ws.slug, check, { event: "check_suite" });
    expect((await deliveries(s.workspaceId)).filter((d) => d.event === "check_suite")).toHaveLength(1);
  });

  it("two first deliveries of different bodies at once are both processed (the replay lock is per body)", async () => {
    const s = await setupLinked();
    const [opened, synced] = await Promise.all([
      deliver(s.ws.slug, source.pullRequest("opened", { key: s.key })),
      deliver(s.ws.slug, source.pullRequest("synchronize", { key: s.key })),
    ]);
    expect([opened.body.status, synced.body.status]).toEqual(["processed", "processed"]);
    expect(await submissions(s.taskId)).toHaveLength(2);
  });

  it("a tampered body (signed before the change) is a 401 and stores nothing", async () => {
    const s = await setupLinked();
    const original = source.pullRequest("opened", { key: s.key });
    const tampered = original.replace(s.key, `${s.key} and more`);
    expect(tampered).not.toBe(original);
    const before = await snapshot(s.workspaceId);
    const response = await deliver(s.ws.slug, tampered, { signature: sign(original, SECRET) });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
    expect(await snapshot(s.workspaceId)).toEqual(before);
    expect(await deliveries(s.workspaceId)).toEqual([]);
    expect(await submissions(s.taskId)).toEqual([]);
  });

  it("closed and merged: the pull request's attempts are marked merged and pr_merged is recorded", async () => {
    const s = await setupLinked();
    const opened = source.pullRequest("opened", { key: s.key });
    await deliver(s.ws.slug, opened);
    const versionBefore = (await taskRow(s.taskId)).version;
    const response = await deliver(s.ws.slug, source.pullRequest("closed", { key: s.key, merged: true }));
    expect(response).toEqual({ status: 200, body: { status: "processed", tasks: [s.key] } });
    expect((await submissions(s.taskId)).map((x) => x.merged)).toEqual([true]);
    expect(await events(s.taskId, "pr_merged")).toMatchObject([{ agentId: s.agentId, actorId: null, after: { prUrl: prUrl(opened) } }]);
    const task = await taskRow(s.taskId);
    expect(task.status).toBe("in_review");
    expect(task.version).toBe(versionBefore + 1);
  });

  it("a pull request with a null body is handled", async () => {
    const s = await setupLinked();
    const body = source.pullRequest("opened", { key: s.key, nullBody: true });
    expect((JSON.parse(body) as Json).pull_request.body).toBeNull();
    expect((await deliver(s.ws.slug, body)).body).toEqual({ status: "processed", tasks: [s.key] });
    const [submission] = await submissions(s.taskId);
    expect(submission?.summary).toBe(`PR #${prNumber(body)}: ${String((JSON.parse(body) as Json).pull_request.title)}`);
  });

  it("an event Baton does not act on (push) is a 202, recorded so its redelivery is a no-op", async () => {
    const s = await setupLinked();
    const body = JSON.stringify({ ref: "refs/heads/main", before: "0".repeat(40), after: "1".repeat(40), repository: { full_name: source.repository } });
    const delivery = randomUUID();
    expect(await deliver(s.ws.slug, body, { event: "push", delivery })).toEqual({ status: 202, body: { ignored: true } });
    expect(await deliver(s.ws.slug, body, { event: "push", delivery })).toEqual({ status: 202, body: { ignored: true } });
    expect(await deliveries(s.workspaceId)).toMatchObject([{ id: delivery, event: "push", action: null, result: "ignored" }]);
    expect(await submissions(s.taskId)).toEqual([]);
  });

  it("a completed check suite at the pull request's head sets the attempt's checks; its redelivery changes nothing", async () => {
    const s = await setupLinked();
    await deliver(s.ws.slug, source.pullRequest("opened", { key: s.key }));
    const versionBefore = (await taskRow(s.taskId)).version;
    const body = source.checkSuite();
    const delivery = randomUUID();
    expect(await deliver(s.ws.slug, body, { event: "check_suite", delivery })).toEqual({ status: 200, body: { status: "processed", tasks: [s.key] } });
    const [attempt] = await submissions(s.taskId);
    const payload = JSON.parse(body) as { check_suite: { head_sha: string }; repository: { html_url: string } };
    expect(attempt).toMatchObject({ checksStatus: "passed", checksUrl: `${payload.repository.html_url}/commit/${payload.check_suite.head_sha}/checks`, headSha: payload.check_suite.head_sha });
    expect((await taskRow(s.taskId)).version).toBe(versionBefore + 1);
    expect(await deliver(s.ws.slug, body, { event: "check_suite", delivery })).toEqual({ status: 200, body: { status: "duplicate", tasks: [] } });
  });

  it("a failed suite marks the attempt failed; a check at a commit no attempt is at is ignored with the reason", async () => {
    const s = await setupLinked();
    await deliver(s.ws.slug, source.pullRequest("opened", { key: s.key }));
    const failed = JSON.parse(source.checkSuite()) as { check_suite: { conclusion: string; head_sha: string } };
    failed.check_suite.conclusion = "failure";
    expect((await deliver(s.ws.slug, JSON.stringify(failed), { event: "check_suite" })).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId))[0]?.checksStatus).toBe("failed");
    failed.check_suite.head_sha = "f".repeat(40);
    expect((await deliver(s.ws.slug, JSON.stringify(failed), { event: "check_suite" })).body).toEqual({ status: "ignored", tasks: [] });
    expect((await deliveries(s.workspaceId)).at(-1)).toMatchObject({ result: "ignored", reason: `No attempt on board ${s.ws.boardKey} is at commit ffffffffffff.` });
  });
});

// --- Our own payloads only --------------------------------------------------------------------

describe("signature and headers", () => {
  it("is a 401 for a wrong secret, a missing signature, an unknown workspace and a workspace without a secret, all alike", async () => {
    const s = await setup();
    const noSecret = await setup({ secret: null });
    const body = builderSource.pullRequest("opened", { key: s.key });
    const before = await snapshot(s.workspaceId);
    const refusals = [
      await deliver(s.ws.slug, body, { secret: "not-the-workspace-secret" }),
      await deliver(s.ws.slug, body, { signature: null }),
      await deliver(s.ws.slug, body, { signature: "sha256=" }),
      await deliver(s.ws.slug, body, { signature: sign(body, SECRET).replace("sha256=", "sha1=") }),
      await deliver(`no-such-workspace-${randomUUID().slice(0, 8)}`, body),
      await deliver(noSecret.ws.slug, body),
      await deliver(noSecret.ws.slug, body, { signature: sign(body, "") }),
    ];
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
    expect(refusals[0]?.status).toBe(401);
    expect(await snapshot(s.workspaceId)).toEqual(before);
    expect(await deliveries(noSecret.workspaceId)).toEqual([]);
  });

  it("checks the signature before the headers and the JSON", async () => {
    const s = await setup();
    expect((await deliver(s.ws.slug, "not json", { event: null, delivery: null, signature: sign("not json", "wrong-secret-0123456") })).status).toBe(401);
  });

  it("needs X-GitHub-Event and X-GitHub-Delivery once the signature is valid (400)", async () => {
    const s = await setup();
    const body = builderSource.pullRequest("opened", { key: s.key });
    expect((await deliver(s.ws.slug, body, { event: null })).status).toBe(400);
    expect((await deliver(s.ws.slug, body, { delivery: null })).status).toBe(400);
    expect((await deliver(s.ws.slug, body, { delivery: "" })).status).toBe(400);
    expect(await submissions(s.taskId)).toEqual([]);
  });

  it("refuses a body that is not JSON, or not a pull_request payload (400), storing nothing", async () => {
    const s = await setup();
    expect(await deliver(s.ws.slug, "{not json")).toMatchObject({ status: 400, body: { error: { code: "invalid" } } });
    expect(await deliver(s.ws.slug, JSON.stringify({ action: "opened", number: 1 }))).toMatchObject({ status: 400, body: { error: { code: "invalid" } } });
    expect(await deliveries(s.workspaceId)).toEqual([]);
  });

  it("refuses a body over 5 MB (413)", async () => {
    const s = await setup();
    const body = JSON.stringify({ zen: "x".repeat(5 * 1024 * 1024) });
    expect((await deliver(s.ws.slug, body)).status).toBe(413);
  });

  it("answers a ping with 200 { ok: true }", async () => {
    const s = await setup();
    const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1, hook: { type: "Repository", events: ["pull_request"] } });
    expect(await deliver(s.ws.slug, ping, { event: "ping" })).toEqual({ status: 200, body: { ok: true } });
  });
});

describe("which tasks a pull request reaches", () => {
  it("a pull request from a repository no board is linked to changes nothing, and the log says why", async () => {
    const s = await setup({ repository: "acme/api" });
    const before = await snapshot(s.workspaceId);
    const response = await deliver(s.ws.slug, builderSource.pullRequest("opened", { key: s.key }));
    expect(response).toEqual({ status: 200, body: { status: "ignored", tasks: [] } });
    const after = await snapshot(s.workspaceId);
    expect({ ...after, rows: after.rows - 1 }).toEqual(before);
    expect(await deliveries(s.workspaceId)).toMatchObject([
      { event: "pull_request", action: "opened", result: "ignored", reason: `No board of this workspace is linked to ${REPOSITORY}: link one in Settings → GitHub.` },
    ]);
  });

  it("reaches only the linked board's tasks: a key on another board is ignored with the reason", async () => {
    const s = await setup();
    await createBoard(s.ws.scopes.admin, { name: "Other", key: "OTH" });
    const other = await createTask(s.ws.scopes.member, { boardKey: "OTH", title: "Elsewhere", lane: "delegate", status: "ready", overDelegationReason: "Test", gateOverrideReason: "Test" });
    await db().task.update({ where: { id: other.id }, data: { agentId: s.agentId, assignedAt: new Date() } });
    const response = await deliver(s.ws.slug, builderSource.pullRequest("opened", { key: `${s.key} ${other.key}` }));
    expect(response.body).toEqual({ status: "processed", tasks: [s.key] });
    expect(await submissions(other.id)).toEqual([]);
    const [delivery] = await deliveries(s.workspaceId);
    expect(delivery?.details).toEqual([
      { key: other.key, outcome: "ignored", reason: `${other.key} is not on board ${s.ws.boardKey}, the board ${REPOSITORY} is linked to.` },
      { key: s.key, outcome: "submitted" },
    ]);
  });

  it("matches the repository whatever its case, and unlinking stops it", async () => {
    const s = await setup({ repository: "ACME/Web" });
    expect((await deliver(s.ws.slug, builderSource.pullRequest("opened", { key: s.key }))).body).toEqual({ status: "processed", tasks: [s.key] });
    await linkBoard(s.ws.scopes.admin, s.ws.boardKey, { repository: null });
    expect((await deliver(s.ws.slug, builderSource.pullRequest("synchronize", { key: s.key }))).body).toEqual({ status: "ignored", tasks: [] });
    expect(await submissions(s.taskId)).toHaveLength(1);
  });

  it("a pull request naming no task is processed with no tasks", async () => {
    const s = await setup();
    expect(await deliver(s.ws.slug, builderSource.pullRequest("opened"))).toEqual({ status: 200, body: { status: "ignored", tasks: [] } });
    expect(await submissions(s.taskId)).toEqual([]);
    expect((await taskRow(s.taskId)).status).toBe("ready");
  });

  it.skipIf(!hasFixtures)("GitHub's unmodified example payload names no task", async () => {
    const s = await setup();
    expect(await deliver(s.ws.slug, readFixture("pull_request.opened.payload.json"))).toEqual({ status: 200, body: { status: "ignored", tasks: [] } });
  });

  it("finds keys in the branch name, in any case", async () => {
    const s = await setup();
    const response = await deliver(s.ws.slug, builderSource.pullRequest("opened", { branch: `copilot/${s.key.toLowerCase()}-fix-login` }));
    expect(response.body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId))[0]?.branch).toBe(`copilot/${s.key.toLowerCase()}-fix-login`);
  });

  it("reaches every named delegate task with an agent once, in the order named, attributed to its agent", async () => {
    const s = await setup();
    const agent = await createAgent(s.ws.scopes.admin, { name: "Second agent", kind: "copilot" });
    const second = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Also delegated", lane: "delegate", status: "ready", overDelegationReason: "Fixture", gateOverrideReason: "Fixture" });
    await assignAgent(s.ws.scopes.member, second.key, { agentId: agent.id });
    const body = JSON.stringify(pullRequestPayload({ title: `${second.key}: and ${s.key}`, branch: `${second.key.toLowerCase()}-x`, body: `Fixes ${s.key} and ${second.key}.` }));
    expect((await deliver(s.ws.slug, body)).body).toEqual({ status: "processed", tasks: [second.key, s.key] });
    expect(await submissions(s.taskId)).toMatchObject([{ attempt: 1, agentId: s.agentId }]);
    expect(await submissions(second.id)).toMatchObject([{ attempt: 1, agentId: agent.id }]);
  });

  it("acts only on delegate tasks with an agent, past the readiness gate, and logs every key it ignored with the reason", async () => {
    const s = await setup();
    const untriaged = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Untriaged" });
    const leverage = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Leverage", lane: "leverage", status: "in_progress" });
    const unassigned = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "No agent", lane: "delegate", status: "ready", overDelegationReason: "Fixture", gateOverrideReason: "Fixture" });
    const agent = await createAgent(s.ws.scopes.admin, { name: "Backlog agent", kind: "copilot" });
    const backlog = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Backlog", lane: "delegate", status: "backlog", overDelegationReason: "Fixture" });
    await assignAgent(s.ws.scopes.member, backlog.key, { agentId: agent.id });
    const keys = [untriaged.key, leverage.key, unassigned.key, backlog.key, "TST-9999", s.key];
    const body = JSON.stringify(pullRequestPayload({ title: "Several tasks", body: `Touches ${keys.join(", ")}.` }));
    expect((await deliver(s.ws.slug, body)).body).toEqual({ status: "processed", tasks: [s.key] });
    for (const task of [untriaged, leverage, unassigned, backlog]) expect(await submissions(task.id), task.key).toEqual([]);
    const [delivery] = await deliveries(s.workspaceId);
    expect(delivery?.details).toEqual([
      { key: "TST-9999", outcome: "ignored", reason: "No task TST-9999 in this workspace." },
      { key: untriaged.key, outcome: "ignored", reason: expect.stringMatching(/Untriaged lane/) },
      { key: leverage.key, outcome: "ignored", reason: expect.stringMatching(/Leverage lane/) },
      { key: unassigned.key, outcome: "ignored", reason: "This task has no agent assigned." },
      { key: backlog.key, outcome: "ignored", reason: expect.stringMatching(/still in Backlog/) },
      { key: s.key, outcome: "submitted" },
    ]);
  });

  it("never touches another workspace's task with the same key, or a key only another workspace has", async () => {
    const s = await setup();
    const other = await setup();
    expect(other.key).toBe(s.key);
    await db().board.create({ data: { workspaceId: other.workspaceId, name: "Other", key: "OTH" } });
    const otherOnly = await createTask(other.ws.scopes.member, { boardKey: "OTH", title: "Elsewhere" });
    const before = await snapshot(other.workspaceId);

    const body = JSON.stringify(pullRequestPayload({ title: `${s.key} and ${otherOnly.key}` }));
    expect((await deliver(s.ws.slug, body)).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ action: "closed", merged: true, title: `${s.key} ${otherOnly.key}` })))).body).toEqual({
      status: "processed",
      tasks: [s.key],
    });
    expect(await submissions(s.taskId)).toHaveLength(1);
    expect(await snapshot(other.workspaceId)).toEqual(before);
    // Even signed with the other workspace's secret, a delivery to this workspace's URL acts here only.
    await db().workspace.update({ where: { id: other.workspaceId }, data: { webhookSecret: "another-secret-0123456789" } });
    expect((await deliver(s.ws.slug, body, { secret: "another-secret-0123456789" })).status).toBe(401);
  });

  it("skips done and deleted tasks", async () => {
    const s = await setup();
    const done = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Done already" });
    await moveTask(s.ws.scopes.member, done.key, { lane: "untriaged", status: "done", afterId: null });
    const gone = await createTask(s.ws.scopes.member, { boardKey: s.ws.boardKey, title: "Deleted" });
    await deleteTask(s.ws.scopes.member, gone.key);
    const body = JSON.stringify(pullRequestPayload({ title: `${done.key} ${gone.key} ${s.key}` }));
    expect((await deliver(s.ws.slug, body)).body).toEqual({ status: "processed", tasks: [s.key] });
    expect(await submissions(done.id)).toEqual([]);
    expect(await submissions(gone.id)).toEqual([]);
    expect((await taskRow(done.id)).status).toBe("done");
  });
});

describe("check runs", () => {
  const run = (conclusion: string, sha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d") =>
    JSON.stringify({
      action: "completed",
      check_run: { id: 4, head_sha: sha, name: "test (node 20)", status: "completed", conclusion, html_url: "https://github.com/acme/web/runs/4", output: { title: "2 tests failed", summary: "…" } },
      repository: { full_name: REPOSITORY, html_url: `https://github.com/${REPOSITORY}` },
    });

  it("a failed run marks the attempt failed with its link and title; a later passed run does not override it", async () => {
    const s = await setup();
    await deliver(s.ws.slug, builderSource.pullRequest("opened", { key: s.key }));
    expect((await deliver(s.ws.slug, run("failure"), { event: "check_run" })).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId))[0]).toMatchObject({ checksStatus: "failed", checksUrl: "https://github.com/acme/web/runs/4", checksLog: "test (node 20): failure — 2 tests failed" });
    expect((await deliver(s.ws.slug, run("success"), { event: "check_run" })).body).toEqual({ status: "ignored", tasks: [] });
    expect((await submissions(s.taskId))[0]?.checksStatus).toBe("failed");
  });

  it("a passed run fills checks that say nothing yet; a run that is not completed changes nothing", async () => {
    const s = await setup();
    await deliver(s.ws.slug, builderSource.pullRequest("opened", { key: s.key }));
    const created = JSON.parse(run("success")) as { action: string; check_run: { conclusion: string | null } };
    created.action = "created";
    created.check_run.conclusion = null;
    expect((await deliver(s.ws.slug, JSON.stringify(created), { event: "check_run" })).body).toEqual({ status: "ignored", tasks: [] });
    expect((await submissions(s.taskId))[0]?.checksStatus).toBe("none");
    expect((await deliver(s.ws.slug, run("success"), { event: "check_run" })).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId))[0]).toMatchObject({ checksStatus: "passed", checksLog: null });
  });

  it("a check from a repository no board is linked to changes nothing", async () => {
    const s = await setup({ repository: "acme/other" });
    expect((await deliver(s.ws.slug, run("failure"), { event: "check_run" })).body).toEqual({ status: "ignored", tasks: [] });
    expect((await deliveries(s.workspaceId)).at(-1)).toMatchObject({ reason: `No board of this workspace is linked to ${REPOSITORY}: link one in Settings → GitHub.` });
  });
});

describe("pull request actions", () => {
  it("reopened and ready_for_review add attempts too", async () => {
    const s = await setup();
    for (const action of ["opened", "reopened", "ready_for_review"]) {
      await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ action, title: s.key })));
    }
    expect((await submissions(s.taskId)).map((x) => x.attempt)).toEqual([1, 2, 3]);
  });

  it("closed without merging records pr_closed and merges nothing", async () => {
    const s = await setup();
    await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ title: s.key })));
    expect((await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ action: "closed", merged: false, title: s.key })))).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId)).map((x) => x.merged)).toEqual([false]);
    expect(await events(s.taskId, "pr_closed")).toMatchObject([{ after: { prUrl: "https://github.com/acme/web/pull/7" } }]);
    expect(await events(s.taskId, "pr_merged")).toEqual([]);
  });

  it("a merge reaches a done task, and a task whose key is no longer in the pull request; it marks only that pull request's attempts", async () => {
    const s = await setup();
    await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ number: 7, title: s.key })));
    await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ number: 8, title: s.key })));
    await moveTask(s.ws.scopes.member, s.key, { lane: "delegate", status: "done", afterId: null });
    const merged = JSON.stringify(pullRequestPayload({ action: "closed", number: 7, merged: true, title: "Renamed", branch: "renamed" }));
    expect((await deliver(s.ws.slug, merged)).body).toEqual({ status: "processed", tasks: [s.key] });
    expect((await submissions(s.taskId)).map((x) => [x.prNumber, x.merged])).toEqual([
      [7, true],
      [8, false],
    ]);
    expect((await taskRow(s.taskId)).status).toBe("done");
  });

  it("other actions (edited, labeled) are recorded and ignored", async () => {
    const s = await setup();
    for (const action of ["edited", "labeled"]) {
      expect(await deliver(s.ws.slug, JSON.stringify(pullRequestPayload({ action, title: s.key })))).toEqual({ status: 200, body: { status: "ignored", tasks: [] } });
    }
    expect(await deliveries(s.workspaceId)).toMatchObject([
      { action: "edited", result: "ignored" },
      { action: "labeled", result: "ignored" },
    ]);
    expect(await submissions(s.taskId)).toEqual([]);
  });

  it("two copies of one delivery at once make one attempt", async () => {
    const s = await setup();
    const body = JSON.stringify(pullRequestPayload({ title: s.key }));
    const delivery = randomUUID();
    const results = await Promise.all([deliver(s.ws.slug, body, { delivery }), deliver(s.ws.slug, body, { delivery })]);
    expect(results.map((r) => r.body.status).sort()).toEqual(["duplicate", "processed"]);
    expect(await submissions(s.taskId)).toHaveLength(1);
  });
});
