// Integration tests of the review loop against PostgreSQL: verdicts, the loop limit in the data
// layer, undo, drafts published with the verdict, concurrency, sessions and the queue.
import { beforeAll, describe, expect, it } from "vitest";
import { scopeForBearer } from "@/lib/agent/gate";
import { listReviews } from "@/lib/agent/data";
import { assignAgent, claimTask, createAgent, createSubmission, createToken } from "@/lib/agent/mutations";
import { db } from "@/lib/core/db";
import { saveSpec } from "@/lib/spec/mutations";
import { createTask, moveTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, raceTwo, type TestWorkspace } from "@/lib/test/fixtures";
import { getWorkspaceSettings } from "@/lib/workspace/data";
import { updateWorkspaceSettings } from "@/lib/workspace/mutations";
import { countQueue, getAttempt, listOpenSpecNotes, listQueue, unclearSpecCountsByTemplate } from "./data";
import { atTime } from "@/lib/core/clock";
import { bulkAccept, createComment, deleteComment, giveVerdict, setFileViewed, startSession, UNDO_WINDOW_MS, undoVerdict, updateComment, updateSession } from "./mutations";
import { CHECKLIST_IDS } from "./rules";

let ws: TestWorkspace;
let other: TestWorkspace;

const diff = (body: string, path = "src/app.ts") =>
  `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+${body}\n const c = 3;\n`;

const SPEC = "## Outcome\nThe flag is gone.\n\n## Success criteria\n- [ ] No reads of the flag remain.\n- [ ] Tests pass.\n";

/** An agent of the workspace with a token scope, and a task of its in review with one attempt. */
async function inReview(workspace: TestWorkspace, options: { checks?: "passed" | "failed" | "none"; templateId?: string; title?: string } = {}) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const agent = await createAgent(workspace.scopes.admin, { name: `Agent ${suffix}`, kind: "devin" });
  const { token } = await createToken(workspace.scopes.admin, agent.id);
  const { scope: agentScope } = await scopeForBearer(`Bearer ${token}`);
  const task = await createTask(workspace.scopes.member, {
    boardKey: workspace.boardKey,
    title: options.title ?? `Review fixture ${suffix}`,
    lane: "delegate",
    status: "ready",
    ownerId: workspace.users.member.id,
    overDelegationReason: "Fixture",
    gateOverrideReason: "Fixture",
  });
  await saveSpec(workspace.scopes.member, task.key, { markdown: SPEC, baseRevision: 0, templateId: options.templateId });
  await assignAgent(workspace.scopes.member, task.key, { agentId: agent.id });
  await claimTask(agentScope, task.key);
  const { submission } = await createSubmission(agentScope, task.key, { summary: "First try", diff: diff("const b = 3;"), checks: { status: options.checks ?? "passed" } }, { source: "api" });
  return { agent, agentScope, task, submission };
}

async function taskRow(key: string) {
  const [board, number] = key.split("-");
  return db().task.findFirstOrThrow({
    where: { number: Number(number), board: { key: board } , workspaceId: ws.scopes.owner.workspaceId },
    select: { id: true, lane: true, status: true, position: true, loopCount: true, agentId: true, ownerId: true, version: true, reviewedAt: true },
  });
}

const accept = { verdict: "accept", checklist: CHECKLIST_IDS } as const;

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
});

describe("verdicts", () => {
  it("accept → Done, with the checklist stored and one reviewed event", async () => {
    const { task, submission } = await inReview(ws);
    const result = await giveVerdict(ws.scopes.owner, submission.id, { ...accept, summary: "Looks right." });
    expect(result.task).toMatchObject({ key: task.key, status: "done", lane: "delegate", loopCount: 0 });
    const review = await db().review.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ verdict: "accept", feedback: "Looks right.", checklist: [...CHECKLIST_IDS], reviewerId: ws.users.owner.id, loopCount: 0, loopLimit: 2 });
    const events = await db().taskEvent.findMany({ where: { taskId: review.taskId, type: "reviewed" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ attempt: 1, verdict: "accept" });
  });

  it("accept without the whole checklist is a 400 naming the field, and changes nothing", async () => {
    const { task, submission } = await inReview(ws);
    const before = await taskRow(task.key);
    const error = await caught(giveVerdict(ws.scopes.owner, submission.id, { verdict: "accept", checklist: ["read_code", "security"] }));
    expect(error.status).toBe(400);
    expect(error.fields?.checklist?.[0]).toMatch(/I understand the architectural decisions/);
    expect(await taskRow(task.key)).toEqual(before);
    expect(await db().review.count({ where: { submissionId: submission.id } })).toBe(0);
  });

  it("request changes needs a summary, sends the task back to its agent and uses a loop", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    expect((await caught(giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "  " }))).fields?.summary).toBeDefined();
    const result = await giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "Add the tests." });
    expect(result.task).toMatchObject({ status: "in_progress", loopCount: 1, agent: expect.objectContaining({ id: agentScope.agentId }) });
    // The agent claims it again and posts attempt 2, which is back in the queue.
    await claimTask(agentScope, task.key);
    const { submission: second } = await createSubmission(agentScope, task.key, { summary: "With tests", diff: diff("const b = 4;") }, { source: "api" });
    expect(second.attempt).toBe(2);
    expect((await listQueue(ws.scopes.owner)).items.map((i) => i.submissionId)).toContain(second.id);
  });

  it("reject → unassigned, to the owner, in Leverage · Ready; or kept in Delegate · Backlog for someone else", async () => {
    const first = await inReview(ws);
    const result = await giveVerdict(ws.scopes.owner, first.submission.id, { verdict: "reject", reason: "too_complex", note: "Needs a design first." });
    expect(result.task).toMatchObject({ lane: "leverage", status: "ready", agent: null, owner: expect.objectContaining({ id: ws.users.member.id }) });
    expect(await db().review.findUniqueOrThrow({ where: { submissionId: first.submission.id } })).toMatchObject({ reason: "too_complex", feedback: "Needs a design first.", toLeverage: true, handoffToId: ws.users.member.id });

    const second = await inReview(ws);
    const kept = await giveVerdict(ws.scopes.member, second.submission.id, { verdict: "reject", reason: "agent_error", assigneeId: ws.users.admin.id, toLeverage: false });
    expect(kept.task).toMatchObject({ lane: "delegate", status: "backlog", agent: null, owner: expect.objectContaining({ id: ws.users.admin.id }) });

    const third = await inReview(ws);
    const error = await caught(giveVerdict(ws.scopes.owner, third.submission.id, { verdict: "reject", reason: "other", assigneeId: other.users.owner.id }));
    expect(error.fields?.assigneeId).toBeDefined();
    expect(await db().review.count({ where: { submissionId: third.submission.id } })).toBe(0);
  });

  it("refuses unknown reasons and verdicts with a 400", async () => {
    const { submission } = await inReview(ws);
    expect((await caught(giveVerdict(ws.scopes.owner, submission.id, { verdict: "reject", reason: "bored" }))).fields?.reason).toBeDefined();
    expect((await caught(giveVerdict(ws.scopes.owner, submission.id, { verdict: "approve" }))).status).toBe(400);
    expect((await caught(giveVerdict(ws.scopes.owner, submission.id, { ...accept, loopCount: 0 }))).status).toBe(400);
  });

  it("only people of the workspace review: agents get 403, viewers 403, other workspaces 404", async () => {
    const { submission, agentScope } = await inReview(ws);
    expect((await caught(giveVerdict(agentScope, submission.id, accept))).status).toBe(403);
    expect((await caught(giveVerdict(ws.scopes.viewer, submission.id, accept))).status).toBe(403);
    expect((await caught(giveVerdict(other.scopes.owner, submission.id, accept))).status).toBe(404);
    expect((await caught(getAttempt(other.scopes.owner, submission.id))).status).toBe(404);
    expect(await db().review.count({ where: { submissionId: submission.id } })).toBe(0);
  });

  it("an older attempt, replaced by a newer one, takes no verdict", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    const { submission: newer } = await createSubmission(agentScope, task.key, { summary: "Pushed again", diff: diff("const b = 5;") }, { source: "api" });
    expect((await caught(giveVerdict(ws.scopes.owner, submission.id, accept))).message).toMatch(/Attempt 2 replaced this one/);
    expect((await giveVerdict(ws.scopes.owner, newer.id, accept)).task.status).toBe("done");
  });
});

describe("the loop limit in the data layer", () => {
  it("refuses request changes with 409 once the loops are used; accept and reject still work", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    let current = submission;
    for (let loop = 1; loop <= 2; loop++) {
      await giveVerdict(ws.scopes.owner, current.id, { verdict: "request_changes", summary: `Round ${loop}` });
      await claimTask(agentScope, task.key);
      current = (await createSubmission(agentScope, task.key, { summary: `Attempt ${loop + 1}`, diff: diff(`const b = ${loop + 10};`) }, { source: "api" })).submission;
    }
    const before = await taskRow(task.key);
    const error = await caught(giveVerdict(ws.scopes.owner, current.id, { verdict: "request_changes", summary: "Once more" }));
    expect(error.status).toBe(409);
    expect(error.message).toBe("2 of 2 review loops used — accept, or reject and handle it manually.");
    expect(await taskRow(task.key)).toEqual(before);
    expect((await giveVerdict(ws.scopes.owner, current.id, { verdict: "reject", reason: "unclear_spec", note: "Which flag?" })).task.lane).toBe("leverage");
  });

  it("follows the workspace setting (0–5, admins only); lowering it leaves a task at its cap", async () => {
    const workspace = await createTestWorkspace();
    const version = async () => (await getWorkspaceSettings(workspace.scopes.admin)).version;
    expect((await caught(updateWorkspaceSettings(workspace.scopes.member, { loopLimit: 1, version: await version() }))).status).toBe(403);
    expect((await caught(updateWorkspaceSettings(workspace.scopes.admin, { loopLimit: 6, version: await version() }))).fields?.loopLimit).toBeDefined();
    expect((await caught(updateWorkspaceSettings(workspace.scopes.admin, { loopLimit: -1, version: await version() }))).fields?.loopLimit).toBeDefined();
    const { task, submission, agentScope } = await inReview(workspace);
    await giveVerdict(workspace.scopes.owner, submission.id, { verdict: "request_changes", summary: "One" });
    await claimTask(agentScope, task.key);
    const { submission: second } = await createSubmission(agentScope, task.key, { summary: "Two", diff: diff("const b = 9;") }, { source: "api" });
    expect(await updateWorkspaceSettings(workspace.scopes.admin, { loopLimit: 1, version: await version() })).toMatchObject({ loopLimit: 1 });
    expect((await caught(giveVerdict(workspace.scopes.owner, second.id, { verdict: "request_changes", summary: "Again" }))).message).toMatch(/^1 of 1 review loop used/);
    expect((await getAttempt(workspace.scopes.owner, second.id)).task).toMatchObject({ loopCount: 1, loopLimit: 1 });
    await updateWorkspaceSettings(workspace.scopes.admin, { loopLimit: 0, version: await version() });
    const fresh = await inReview(workspace);
    expect((await caught(giveVerdict(workspace.scopes.owner, fresh.submission.id, { verdict: "request_changes", summary: "x" }))).status).toBe(409);
  });
});

describe("draft comments", () => {
  it("are kept server-side, visible only to their author, and published with the verdict in one go", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    const line = await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 2, body: "Name this constant." });
    const range = await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "old", line: 1, endLine: 2, body: "Why remove this?" });
    await createComment(ws.scopes.owner, submission.id, { target: "criterion", criterion: "Tests pass.", body: "No test was added." });
    const mine = await createComment(ws.scopes.member, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 3, body: "Member's own draft" });
    // A reload (a fresh read) keeps them; each reviewer sees their own.
    expect((await getAttempt(ws.scopes.owner, submission.id)).drafts.map((d) => d.body)).toEqual(["Name this constant.", "Why remove this?", "No test was added."]);
    expect((await getAttempt(ws.scopes.member, submission.id)).drafts.map((d) => d.id)).toEqual([mine.id]);
    // Nothing reaches the agent before the verdict.
    expect(await listReviews(agentScope, task.key)).toEqual([]);

    const edited = await updateComment(ws.scopes.owner, line.id, { body: "Name this constant, e.g. MAX_B.", version: 1 });
    expect(edited.version).toBe(2);
    const stale = await caught(updateComment(ws.scopes.owner, line.id, { body: "Lost edit", version: 1 }));
    expect(stale.status).toBe(409);
    expect((stale.details?.current as { body: string }).body).toBe("Name this constant, e.g. MAX_B.");
    expect((await caught(updateComment(ws.scopes.member, line.id, { body: "Not mine", version: 2 }))).status).toBe(404);

    const result = await giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "Two things to change." });
    expect(result.review.comments).toBe(3);
    const reviews = await listReviews(agentScope, task.key);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ attempt: 1, verdict: "request_changes", feedback: "Two things to change." });
    expect(reviews[0]?.comments).toEqual(
      expect.arrayContaining([
        { target: "diff", path: "src/app.ts", side: "new", line: 2, endLine: null, criterion: null, body: "Name this constant, e.g. MAX_B." },
        { target: "diff", path: "src/app.ts", side: "old", line: 1, endLine: 2, criterion: null, body: "Why remove this?" },
        { target: "criterion", path: null, side: null, line: null, endLine: null, criterion: "Tests pass.", body: "No test was added." },
      ]),
    );
    expect(reviews[0]?.comments).toHaveLength(3);
    // Published comments are final; the member's draft stayed a draft.
    expect((await caught(updateComment(ws.scopes.owner, range.id, { body: "x", version: 1 }))).status).toBe(409);
    expect((await caught(deleteComment(ws.scopes.owner, range.id))).status).toBe(409);
    expect(await db().reviewComment.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ reviewId: null });
  });

  it("stay drafts when the verdict is refused", async () => {
    const { submission } = await inReview(ws);
    await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 2, body: "Draft" });
    await caught(giveVerdict(ws.scopes.owner, submission.id, { verdict: "accept", checklist: [] }));
    expect(await db().reviewComment.count({ where: { submissionId: submission.id, reviewId: null } })).toBe(1);
    expect(await db().review.count({ where: { submissionId: submission.id } })).toBe(0);
  });

  it("must point at a file of the attempt's diff", async () => {
    const { submission } = await inReview(ws);
    const error = await caught(createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/other.ts", side: "new", line: 1, body: "?" }));
    expect(error.fields?.path).toBeDefined();
    expect((await caught(createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 5, endLine: 2, body: "?" }))).fields?.endLine).toBeDefined();
    expect((await caught(createComment(ws.scopes.viewer, submission.id, { target: "criterion", criterion: "x", body: "y" }))).status).toBe(403);
  });
});

describe("undo", () => {
  it("restores the task exactly and turns the published comments back into drafts", async () => {
    for (const verdict of [accept, { verdict: "request_changes", summary: "Change it" }, { verdict: "reject", reason: "unclear_spec", note: "Unclear" }] as const) {
      const { task, submission } = await inReview(ws);
      await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 2, body: "A note" });
      const session = await startSession(ws.scopes.owner);
      const before = await taskRow(task.key);
      const { review } = await giveVerdict(ws.scopes.owner, submission.id, { ...verdict, sessionId: session.id });
      expect(await taskRow(task.key)).not.toEqual(before);
      await undoVerdict(ws.scopes.owner, review.id);
      expect(await taskRow(task.key)).toEqual(before);
      expect(await db().review.count({ where: { submissionId: submission.id } })).toBe(0);
      expect(await db().reviewComment.count({ where: { submissionId: submission.id, reviewId: null } })).toBe(1);
      expect((await updateSession(ws.scopes.owner, session.id, {})).reviewed).toBe(0);
      expect((await listQueue(ws.scopes.owner)).items.map((i) => i.submissionId)).toContain(submission.id);
    }
  });

  it("is refused once the undo window has passed", async () => {
    const { submission } = await inReview(ws);
    const { review } = await atTime(Date.now() - UNDO_WINDOW_MS - 1000, () => giveVerdict(ws.scopes.owner, submission.id, accept));
    const error = await caught(undoVerdict(ws.scopes.owner, review.id));
    expect(error.message).toBe("It is too late to undo this verdict.");
    expect(await db().review.count({ where: { id: review.id } })).toBe(1);
  });

  it("is refused once the task moved on, for another reviewer, and for agents", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    const { review } = await giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "Again" });
    expect((await caught(undoVerdict(ws.scopes.member, review.id))).status).toBe(403);
    expect((await caught(undoVerdict(agentScope, review.id))).status).toBe(403);
    await claimTask(agentScope, task.key);
    const error = await caught(undoVerdict(ws.scopes.owner, review.id));
    expect(error.status).toBe(409);
    expect(await db().review.count({ where: { id: review.id } })).toBe(1);
  });
});

describe("concurrency", () => {
  it("two reviewers on one attempt: exactly one verdict wins, the other hears who won", async () => {
    for (let round = 0; round < 3; round++) {
      const { submission } = await inReview(ws);
      const results = await Promise.allSettled([
        giveVerdict(ws.scopes.owner, submission.id, accept),
        giveVerdict(ws.scopes.member, submission.id, { verdict: "request_changes", summary: "No" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already reviewed by (owner|member) /) });
      expect(await db().review.count({ where: { submissionId: submission.id } })).toBe(1);
      expect(await db().taskEvent.count({ where: { type: "reviewed", task: { submissions: { some: { id: submission.id } } } } })).toBe(1);
    }
  });

  it("eight verdicts landing in one cell at once: each lands once, last, in the order they committed", async () => {
    const fixtures = await Promise.all(Array.from({ length: 8 }, () => inReview(ws)));
    const doneBefore = await db().task.count({ where: { workspaceId: ws.scopes.owner.workspaceId, lane: "delegate", status: "done", deletedAt: null } });
    // Every one reads the same last card of Delegate · Done: all but one lose the race and read
    // again, and the last try waits for the cell's lock.
    const results = await Promise.all(fixtures.map(({ submission }) => giveVerdict(ws.scopes.owner, submission.id, accept)));
    const done = await db().task.findMany({
      where: { workspaceId: ws.scopes.owner.workspaceId, lane: "delegate", status: "done", deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, position: true, version: true },
    });
    expect(done).toHaveLength(doneBefore + 8);
    // The eight are the cell's last eight, each with the key its verdict answered with.
    const landed = done.slice(-8);
    expect(new Set(landed.map((t) => t.id))).toEqual(new Set(results.map((r) => r.task.id)));
    for (const result of results) expect(landed.find((t) => t.id === result.task.id)).toMatchObject({ position: result.task.position, version: result.task.version });
    const reviews = await db().review.findMany({ where: { submissionId: { in: fixtures.map((f) => f.submission.id) } }, select: { verdict: true, taskVersion: true } });
    expect(reviews).toHaveLength(8);
    expect(await db().taskEvent.count({ where: { type: "reviewed", taskId: { in: results.map((r) => r.task.id) } } })).toBe(8);
  });

  it("two tabs saving one draft on one version: exactly one wins, the other gets 409 with the winner's version", async () => {
    const { submission } = await inReview(ws);
    for (let round = 0; round < 5; round++) {
      const draft = await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 2, body: `Draft ${round}` });
      const { winner, loser } = await raceTwo(
        updateComment(ws.scopes.owner, draft.id, { body: `From tab A ${round}`, version: draft.version }),
        updateComment(ws.scopes.owner, draft.id, { body: `From tab B ${round}`, version: draft.version }),
        `round ${round}`,
      );
      expect(winner.version).toBe(draft.version + 1);
      expect(loser.details).toMatchObject({ currentVersion: winner.version, current: { id: draft.id, body: winner.body, version: winner.version } });
      expect(await db().reviewComment.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ body: winner.body, version: winner.version, reviewId: null });
    }
  });
});

describe("sessions", () => {
  it("start or resume, count verdicts, time each review and show who else is reviewing", async () => {
    const workspace = await createTestWorkspace();
    const session = await startSession(workspace.scopes.owner);
    expect(await startSession(workspace.scopes.owner)).toMatchObject({ id: session.id });
    expect((await caught(startSession(workspace.scopes.viewer))).status).toBe(403);
    const a = await inReview(workspace);
    const b = await inReview(workspace);
    await updateSession(workspace.scopes.owner, session.id, { submissionId: a.submission.id });
    const theirs = await startSession(workspace.scopes.member);
    await updateSession(workspace.scopes.member, theirs.id, { submissionId: a.submission.id });
    expect((await getAttempt(workspace.scopes.owner, a.submission.id)).othersReviewing.map((p) => p.id)).toEqual([workspace.users.member.id]);
    expect((await getAttempt(workspace.scopes.member, a.submission.id)).othersReviewing.map((p) => p.id)).toEqual([workspace.users.owner.id]);

    await giveVerdict(workspace.scopes.owner, a.submission.id, { ...accept, sessionId: session.id });
    await giveVerdict(workspace.scopes.owner, b.submission.id, { verdict: "request_changes", summary: "x", sessionId: session.id });
    const summary = await updateSession(workspace.scopes.owner, session.id, { end: true });
    expect(summary).toMatchObject({ accepted: 1, changesRequested: 1, rejected: 0, reviewed: 2, endedAt: expect.any(String) });
    expect(summary.medianSeconds).toEqual(expect.any(Number));
    expect(await db().review.count({ where: { sessionId: session.id, seconds: { not: null } } })).toBe(2);
    // A session that ended is not resumed, and no one else can use it.
    expect((await startSession(workspace.scopes.owner)).id).not.toBe(session.id);
    expect((await caught(giveVerdict(workspace.scopes.owner, (await inReview(workspace)).submission.id, { ...accept, sessionId: session.id }))).fields?.sessionId).toBeDefined();
    expect((await caught(updateSession(workspace.scopes.member, session.id, {}))).status).toBe(404);
  });

  it("names only an attempt of its own workspace as the open one", async () => {
    const [workspace, elsewhere] = [await createTestWorkspace(), await createTestWorkspace()];
    const session = await startSession(workspace.scopes.owner);
    const before = await db().reviewSession.findUniqueOrThrow({ where: { id: session.id } });
    for (const submissionId of [(await inReview(elsewhere)).submission.id, "no-such-attempt"]) {
      expect((await caught(updateSession(workspace.scopes.owner, session.id, { submissionId }))).fields, submissionId).toEqual({ submissionId: [expect.any(String)] });
    }
    expect(await db().reviewSession.findUniqueOrThrow({ where: { id: session.id } })).toEqual(before);
  });
});

describe("the queue", () => {
  it("lists the latest unreviewed attempt of each task, oldest first, filtered by board, agent and author", async () => {
    const workspace = await createTestWorkspace();
    const first = await inReview(workspace, { title: "First in" });
    const second = await inReview(workspace, { title: "Second in" });
    const third = await inReview(workspace, { title: "Third in" });
    await giveVerdict(workspace.scopes.owner, third.submission.id, accept);
    const queue = await listQueue(workspace.scopes.viewer);
    expect(queue.items.map((i) => i.task.title)).toEqual(["First in", "Second in"]);
    expect(queue.items[0]).toMatchObject({ attempt: 1, checks: "passed", filesChanged: 1, additions: 1, deletions: 1, agent: { id: first.agent.id }, specAuthor: { id: workspace.users.member.id } });
    expect(await countQueue(workspace.scopes.viewer)).toBe(2);
    expect((await listQueue(workspace.scopes.owner, { agent: second.agent.id })).items.map((i) => i.task.title)).toEqual(["Second in"]);
    expect((await listQueue(workspace.scopes.owner, { author: workspace.users.owner.id })).items).toEqual([]);
    expect((await listQueue(workspace.scopes.owner, { board: "NOPE" })).items).toEqual([]);
    expect((await listQueue(workspace.scopes.owner, { board: workspace.boardKey.toLowerCase() })).items).toHaveLength(2);
    expect(await countQueue(other.scopes.owner)).toBe(0);
  });

  it("an attempt from 2 on carries the previous round's feedback and the changes since", async () => {
    const { task, submission, agentScope } = await inReview(ws);
    await createComment(ws.scopes.owner, submission.id, { target: "diff", path: "src/app.ts", side: "new", line: 2, body: "Use 4." });
    await giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "Use 4, please." });
    await claimTask(agentScope, task.key);
    const { submission: second } = await createSubmission(agentScope, task.key, { summary: "Uses 4", diff: diff("const b = 4;") }, { source: "api" });
    const view = await getAttempt(ws.scopes.owner, second.id);
    expect(view.previous).toMatchObject({ attempt: 1, review: { verdict: "request_changes", feedback: "Use 4, please.", comments: [expect.objectContaining({ body: "Use 4.", line: 2 })] } });
    expect(view.changesSince?.[0]).toMatchObject({ path: "src/app.ts", status: "changed" });
    expect(view.changesSince?.[0]?.lines.filter((l) => l.kind !== "same" && l.kind !== "skip")).toEqual([
      { kind: "removed", text: "+const b = 3;" },
      { kind: "added", text: "+const b = 4;" },
    ]);
    expect(view.spec.criteria).toEqual(["No reads of the flag remain.", "Tests pass."]);
    expect(view.files).toEqual([{ path: "src/app.ts", oldPath: "src/app.ts", status: "modified", added: 1, removed: 1, generated: false }]);
  });
});

describe("bulk accept", () => {
  it("accepts attempts whose checks passed and whose files are all viewed; tells why for the rest", async () => {
    const workspace = await createTestWorkspace();
    const ready = await inReview(workspace);
    const unviewed = await inReview(workspace);
    const failing = await inReview(workspace, { checks: "failed" });
    for (const { submission } of [ready, failing]) await setFileViewed(workspace.scopes.owner, submission.id, { path: "src/app.ts", viewed: true });
    expect((await caught(setFileViewed(workspace.scopes.owner, ready.submission.id, { path: "nope.ts", viewed: true }))).fields?.path).toBeDefined();
    const results = await bulkAccept(workspace.scopes.owner, { submissionIds: [ready.submission.id, unviewed.submission.id, failing.submission.id], checklist: CHECKLIST_IDS });
    expect(results).toEqual([
      { submissionId: ready.submission.id, ok: true, key: ready.task.key },
      { submissionId: unviewed.submission.id, ok: false, message: "Mark every file viewed before accepting it in a batch." },
      { submissionId: failing.submission.id, ok: false, message: "Its checks did not pass: review it on its own." },
    ]);
    expect(await db().review.count({ where: { submissionId: { in: [ready.submission.id, unviewed.submission.id, failing.submission.id] } } })).toBe(1);
    expect((await caught(bulkAccept(workspace.scopes.owner, { submissionIds: [unviewed.submission.id], checklist: ["read_code"] }))).status).toBe(400);
  });

  it("refuses, as a whole, attempts and sessions of another workspace, naming them", async () => {
    const [workspace, elsewhere] = [await createTestWorkspace(), await createTestWorkspace()];
    const mine = await inReview(workspace);
    const theirs = await inReview(elsewhere);
    const foreignAttempt = await caught(bulkAccept(workspace.scopes.owner, { submissionIds: [mine.submission.id, theirs.submission.id, "nope"], checklist: CHECKLIST_IDS }));
    expect(foreignAttempt).toMatchObject({ status: 400, fields: { "submissionIds.1": [expect.any(String)], "submissionIds.2": [expect.any(String)] } });
    expect(foreignAttempt.fields).not.toHaveProperty(["submissionIds.0"]);
    const foreignSession = await startSession(elsewhere.scopes.owner);
    const refused = await caught(bulkAccept(workspace.scopes.owner, { submissionIds: [mine.submission.id], checklist: CHECKLIST_IDS, sessionId: foreignSession.id }));
    expect(refused).toMatchObject({ status: 400, fields: { sessionId: [expect.any(String)] } });
    expect(await db().review.count({ where: { submissionId: { in: [mine.submission.id, theirs.submission.id] } } })).toBe(0);
  });
});

describe("rejections improve specs", () => {
  it("an unclear-spec note shows until the spec is revised, and counts against the template it started from", async () => {
    const { task, submission } = await inReview(ws, { templateId: "feature-flag-removal" });
    await giveVerdict(ws.scopes.owner, submission.id, { verdict: "reject", reason: "unclear_spec", note: "Which of the two flags?" });
    const row = await db().task.findFirstOrThrow({ where: { id: (await taskRow(task.key)).id }, select: { id: true, specRevision: true, specTemplateId: true } });
    expect(row.specTemplateId).toBe("feature-flag-removal");
    expect((await listOpenSpecNotes(ws.scopes.member, row.id, row.specRevision)).map((n) => n.note)).toEqual(["Which of the two flags?"]);
    expect((await unclearSpecCountsByTemplate(ws.scopes.owner))["feature-flag-removal"]).toBeGreaterThanOrEqual(1);
    await saveSpec(ws.scopes.member, task.key, { markdown: `${SPEC}\nThe flag is ENABLE_X.`, baseRevision: row.specRevision });
    expect(await listOpenSpecNotes(ws.scopes.member, row.id, row.specRevision + 1)).toEqual([]);
    expect((await caught(saveSpec(ws.scopes.member, task.key, { markdown: "x", baseRevision: row.specRevision + 1, templateId: "not-a-template" }))).fields?.templateId).toBeDefined();
  });
});

describe("the agent path obeys the board's rules", () => {
  async function assigned(workspace: TestWorkspace, placement: { lane: "delegate" | "leverage"; status: "backlog" | "ready" }) {
    const agent = await createAgent(workspace.scopes.admin, { name: `Rules ${Math.random().toString(36).slice(2, 8)}`, kind: "codex" });
    const { token } = await createToken(workspace.scopes.admin, agent.id);
    const { scope } = await scopeForBearer(`Bearer ${token}`);
    const task = await createTask(workspace.scopes.member, { boardKey: workspace.boardKey, title: "Rules", lane: "delegate", status: "backlog", overDelegationReason: "Fixture" });
    await assignAgent(workspace.scopes.member, task.key, { agentId: agent.id });
    if (placement.status === "ready" || placement.lane === "leverage") {
      await moveTask(workspace.scopes.member, task.key, { ...placement, afterId: null, gateOverrideReason: "Fixture" });
    }
    return { scope, key: task.key };
  }

  it("claims and submissions are refused outside the Delegate lane and before the readiness gate", async () => {
    const leverage = await assigned(ws, { lane: "leverage", status: "ready" });
    expect((await caught(claimTask(leverage.scope, leverage.key))).message).toMatch(/Leverage lane/);
    expect((await caught(createSubmission(leverage.scope, leverage.key, { summary: "x" }, { source: "api" }))).status).toBe(409);
    const backlog = await assigned(ws, { lane: "delegate", status: "backlog" });
    expect((await caught(claimTask(backlog.scope, backlog.key))).message).toMatch(/still in Backlog/);
    expect((await caught(createSubmission(backlog.scope, backlog.key, { summary: "x" }, { source: "mcp" }))).message).toMatch(/still in Backlog/);
    expect(await db().submission.count({ where: { task: { number: { in: [] } } } })).toBe(0);
    const ready = await assigned(ws, { lane: "delegate", status: "ready" });
    expect((await claimTask(ready.scope, ready.key)).status).toBe("in_progress");
  });
});
