// Demo data: `npm run db:seed` (or `seedDemo(prisma)` from tests). Creates the four demo users
// from ./demo, the "Acme" workspace (boards WEB and API) and the "Globex" workspace (board PLT),
// with triage answers, and specs with their revision history (scored by the spec lint at seed
// time) on the Acme delegate tasks and a few leverage briefs. Acme also gets three agents (Devin,
// Copilot, Claude Code) with delegate tasks assigned to them, attempts whose diffs are read from
// ./demo-diffs (real changes from this repository, see scripts/make-demo-diffs.ts), and reviews.
// The tasks, the agents and their work are data in ./demo-data/*.yaml, read and validated by
// ./demo-data-loader.ts; this file turns them into rows and checks that they tell a consistent story.
// Then ./seed-history.ts replays eight weeks of finished work (./demo-data/history.yaml)
// through the real mutations, so that the dashboard has a story to tell on first open.
// Idempotent: does nothing when the "acme" workspace already exists.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import { PrismaClient, type Prisma, type SubmissionSource, type TaskStatus } from "../lib/core/generated/prisma/client";
import { DIFF_LIMIT_BYTES } from "../lib/agent/schema";
import { keysBetween } from "../lib/board/ordering";
import { lintSpec } from "../lib/spec/lint";
import { recommendLane, type TriageAnswers } from "../lib/task/triage";
import { assignAgent, claimTask, createSubmission } from "../lib/agent/mutations";
import { scopeForUser } from "../lib/auth/scope";
import { atTime } from "../lib/core/clock";
import { withDb } from "../lib/core/db";
import { scopeForGitHub } from "../lib/github/gate";
import { createComment, giveVerdict } from "../lib/review/mutations";
import { CHECKLIST_IDS } from "../lib/review/rules";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey } from "./demo";
import { seedHistory } from "./seed-history";
import {
  AGENT_WORK,
  API_TASKS,
  PLATFORM_TASKS,
  SEED_AGENTS,
  taskLife,
  triaged,
  WEB_TASKS,
  type SeedAgentWork,
  type SeedAttempt,
  type SeedTask,
} from "./demo-data-loader";

// ---------------------------------------------------------------------------------------------
// Seeding.
// ---------------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type UserIds = Record<DemoUserKey, string>;

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Spec authors alternate between the two Acme editors. */
const CO_AUTHOR: Partial<Record<DemoUserKey, DemoUserKey>> = { owner: "member", member: "owner" };

/** Known work: every delegate condition holds and no leverage condition does. */
const DELEGATE_TRIAGE = triaged("knowWhat", "examples", "approachObvious", "successDefined", "selfContained");

/** The task's triage, checked against its lane so that the demo data tells a consistent story. */
function triageOf(task: SeedTask): TriageAnswers | null {
  const triage = task.triage ?? (task.lane === "delegate" ? DELEGATE_TRIAGE : null);
  const recommendation = recommendLane(triage);
  const consistent =
    task.lane === "leverage"
      ? recommendation === "leverage"
      : task.lane === "delegate"
        ? (recommendation === "delegate") === !task.overDelegated
        : !task.overDelegated;
  if (!consistent) throw new Error(`Triage of "${task.title}" recommends ${recommendation}, which does not fit its lane.`);
  return triage;
}

/**
 * When each of `count` spec revisions was saved: spread over the first 60% of the time between
 * the task's creation and its last change (at least two hours), never later than a minute ago.
 */
function revisionTimes(createdAt: number, updatedAt: number, count: number, now: number): number[] {
  const end = Math.min(Math.max(updatedAt, createdAt + 2 * HOUR_MS), now - MINUTE_MS);
  return Array.from({ length: count }, (_, i) => Math.round(createdAt + ((end - createdAt) * 0.6 * (i + 1)) / (count + 1)));
}

/**
 * Inserts a board's tasks with positions per (lane, status) cell, their triage and spec revisions,
 * and their events: "created" for each, "over_delegated" where the triage was overruled, and
 * "spec_saved" per revision.
 */
async function seedBoardTasks(
  tx: Tx,
  board: { id: string; workspaceId: string; key: string },
  listed: readonly SeedTask[],
  users: UserIds,
  now: number,
): Promise<void> {
  // A task an agent works on starts in Ready: the mutations of its agent work take it from there.
  const agentTasks = new Set(AGENT_WORK.map((w) => w.task));
  const tasks = listed.map((task, index) => (agentTasks.has(`${board.key}-${index + 1}`) ? { ...task, status: "ready" as const } : task));
  // Positions: keysBetween per cell, handed out in the order the tasks are listed.
  const cellCounts = new Map<string, number>();
  for (const task of tasks) {
    const cell = `${task.lane}:${task.status}`;
    cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
  }
  const cellKeys = new Map<string, string[]>();
  for (const [cell, count] of cellCounts) cellKeys.set(cell, keysBetween(null, null, count));

  const { workspaceId } = board;
  const revisions: Prisma.SpecRevisionCreateManyInput[] = [];
  const events: Prisma.TaskEventCreateManyInput[] = [];

  const rows = tasks.map((task, index) => {
    const position = cellKeys.get(`${task.lane}:${task.status}`)?.shift();
    if (position === undefined) throw new Error(`No position left for "${task.title}"`);
    const id = randomUUID();
    const { createdAt, updatedAt: lastChange } = taskLife(task, now);
    const createdById = users[task.createdBy];
    const triage = triageOf(task);

    events.push({
      workspaceId,
      taskId: id,
      actorId: createdById,
      type: "created",
      after: { title: task.title, lane: task.lane, status: task.status },
      createdAt: new Date(createdAt),
    });
    if (task.overDelegated) {
      events.push({
        workspaceId,
        taskId: id,
        actorId: createdById,
        type: "over_delegated",
        after: { reason: task.overDelegated, recommendation: recommendLane(triage) },
        createdAt: new Date(createdAt + 5 * MINUTE_MS),
      });
    }

    const drafts = task.spec ?? [];
    const times = revisionTimes(createdAt, lastChange, drafts.length, now);
    let spec = "";
    let specScore: number | null = null;
    for (const [i, markdown] of drafts.entries()) {
      const number = i + 1;
      const score = lintSpec(markdown).score;
      const authorId = users[i % 2 === 0 ? task.createdBy : (CO_AUTHOR[task.createdBy] ?? task.createdBy)];
      const savedAt = new Date(times[i] ?? createdAt);
      revisions.push({ workspaceId, taskId: id, number, markdown, score, authorId, createdAt: savedAt });
      events.push({ workspaceId, taskId: id, actorId: authorId, type: "spec_saved", after: { revision: number, score }, createdAt: savedAt });
      spec = markdown;
      specScore = score;
    }

    return {
      id,
      workspaceId,
      boardId: board.id,
      number: index + 1,
      title: task.title,
      description: task.description,
      lane: task.lane,
      status: task.status,
      position,
      ownerId: task.owner ? users[task.owner] : null,
      createdById,
      labels: task.labels ?? [],
      // Omitted (not null) when untriaged: the column stays SQL NULL.
      triage: triage ?? undefined,
      spec,
      specRevision: drafts.length,
      specScore,
      specAuthorId: drafts.length > 0 ? (revisions.at(-1)?.authorId ?? null) : null,
      version: 1,
      createdAt: new Date(createdAt),
      // A spec save changes the task too.
      updatedAt: new Date(Math.max(lastChange, ...times)),
    } satisfies Prisma.TaskCreateManyInput;
  });

  await tx.task.createMany({ data: rows });
  await tx.specRevision.createMany({ data: revisions });
  await tx.taskEvent.createMany({ data: events });
  // Each task's current status stretch, from its last change: the history before it is not told.
  await tx.taskStatusSpan.createMany({ data: rows.map((row) => ({ workspaceId, taskId: row.id, lane: row.lane, status: row.status, startedAt: row.updatedAt })) });
  await tx.board.update({ where: { id: board.id }, data: { nextNumber: tasks.length + 1 } });
}

const DEMO_DIFF_DIR = path.join(import.meta.dirname, "demo-diffs");

/** A diff from prisma/demo-diffs/, checked to be a unified diff the submission API would accept. */
function readDemoDiff(file: string): string {
  const diff = readFileSync(path.join(DEMO_DIFF_DIR, file), "utf8");
  if (!diff.startsWith("diff --git ")) throw new Error(`prisma/demo-diffs/${file} is not a unified diff (it must start with "diff --git").`);
  if (Buffer.byteLength(diff) > DIFF_LIMIT_BYTES) throw new Error(`prisma/demo-diffs/${file} is larger than the ${DIFF_LIMIT_BYTES}-byte diff limit.`);
  return diff;
}

/** Checks an assignment's attempts against its task's status, so that the demo tells a consistent story. */
function checkAttempts(work: SeedAgentWork, status: TaskStatus): SeedAttempt[] {
  const attempts = work.attempts ?? [];
  const fail = (why: string): never => {
    throw new Error(`Agent work on ${work.task} (${status}): ${why}`);
  };
  if (status === "backlog") fail("a Backlog task is not assigned to an agent.");
  if ((status === "ready" || status === "in_progress") && attempts.length > 0) fail("only In review and Done tasks have attempts.");
  if (status === "in_review" || status === "done") {
    if (attempts.length === 0) fail("needs at least one attempt.");
    if (!work.source) fail("needs a source for its attempts.");
    for (const [i, attempt] of attempts.entries()) {
      const last = i === attempts.length - 1;
      const expected = !last ? "request_changes" : status === "done" ? "accept" : undefined;
      if (attempt.review?.verdict !== expected) fail(`attempt ${i + 1} must have ${expected ? `a "${expected}" review` : "no review"}.`);
      if (attempt.checks === "failed" && !attempt.checksLog) fail(`attempt ${i + 1} failed its checks but has no log.`);
    }
  }
  return attempts;
}

/**
 * Replays the Acme agents' work through the same mutations people and agents call — assignment,
 * claim, submission, draft comments, verdict — each at its moment in the story (`atTime`), so the
 * loop rules (statuses, places, loop counts, published comments, events) are the real ones. Times
 * run backwards from the task's last change: the last step of the lifecycle is that change, and
 * the assignment comes after the last spec revision. Runs after the boards are committed.
 */
async function seedAgentWork(prisma: PrismaClient, workspace: { id: string; slug: string; name: string }, now: number): Promise<void> {
  const workspaceId = workspace.id;
  const { specThreshold } = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } });
  const agents: Record<string, { id: string; name: string }> = {};
  for (const [key, { name, kind }] of Object.entries(SEED_AGENTS)) {
    // Before the history (prisma/demo-data/history.yaml), which goes back eight weeks.
    const createdAt = new Date(now - 60 * DAY_MS);
    agents[key] = await prisma.agent.create({ data: { workspaceId, name, kind, createdAt, updatedAt: createdAt }, select: { id: true, name: true } });
  }
  const finalStatus = new Map<string, TaskStatus>();
  for (const [board, tasks] of [["WEB", WEB_TASKS], ["API", API_TASKS]] as const) tasks.forEach((t, i) => finalStatus.set(`${board}-${i + 1}`, t.status));

  const tasks = await prisma.task.findMany({
    where: { workspaceId },
    select: {
      id: true,
      number: true,
      lane: true,
      ownerId: true,
      specScore: true,
      createdAt: true,
      updatedAt: true,
      board: { select: { key: true } },
      revisions: { orderBy: { number: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  const byKey = new Map(tasks.map((task) => [`${task.board.key}-${task.number}`, task]));

  await withDb(prisma, async () => {
    for (const work of AGENT_WORK) {
      const task = byKey.get(work.task);
      if (!task) throw new Error(`Agent work names ${work.task}, which is not an Acme task.`);
      const status = finalStatus.get(work.task) as TaskStatus;
      if (task.lane !== "delegate") throw new Error(`Agent work on ${work.task}: only delegate tasks go to agents.`);
      if ((task.specScore ?? 0) < specThreshold) throw new Error(`Agent work on ${work.task}: its spec scores ${task.specScore}, below the threshold ${specThreshold}.`);
      if (!task.ownerId) throw new Error(`Agent work on ${work.task}: the task needs an owner to assign and review it.`);
      const attempts = checkAttempts(work, status);
      const agent = agents[work.agent];
      if (!agent) throw new Error(`Agent work on ${work.task}: unknown agent "${work.agent}".`);
      const owner = await scopeForUser(workspace.slug, task.ownerId);
      // The agent acts through an agent scope of the workspace, as a verified GitHub delivery does.
      const asAgent = scopeForGitHub(workspace, agent.id);
      const repo = work.task.split("-")[0]?.toLowerCase() ?? "web";
      const prUrl = work.pr ? `https://github.com/acme/${repo}/pull/${work.pr}` : undefined;

      // Backwards from the task's last change (at least an hour after its last spec revision).
      const lastSpec = task.revisions[0]?.createdAt.getTime() ?? task.createdAt.getTime();
      const end = Math.min(Math.max(task.updatedAt.getTime(), lastSpec + HOUR_MS), now - MINUTE_MS);
      const times: { claimedAt: number; submittedAt: number; reviewedAt: number | null }[] = [];
      let t = end;
      for (let i = attempts.length - 1; i >= 0; i--) {
        const attempt = attempts[i] as SeedAttempt;
        const reviewedAt = attempt.review ? t : null;
        if (attempt.review) t -= attempt.review.afterHours * HOUR_MS;
        const submittedAt = t;
        t -= attempt.minutes * MINUTE_MS;
        times.unshift({ claimedAt: t, submittedAt, reviewedAt });
        // Between attempts the agent picks up the review a few minutes after it was posted.
        if (i > 0) t -= 4 * MINUTE_MS;
      }
      const claimedAt = status === "ready" ? null : (times[0]?.claimedAt ?? t);
      const assignedAt = (claimedAt ?? t) - 6 * MINUTE_MS;
      if (assignedAt <= lastSpec) throw new Error(`Agent work on ${work.task}: the work would start before the spec was final; shorten it.`);

      await atTime(assignedAt, () => assignAgent(owner, work.task, { agentId: agent.id }));
      if (claimedAt !== null && attempts.length === 0) await atTime(claimedAt, () => claimTask(asAgent, work.task));
      for (const [i, attempt] of attempts.entries()) {
        const when = times[i] as (typeof times)[number];
        const number = i + 1;
        await atTime(when.claimedAt, () => claimTask(asAgent, work.task));
        const { submission } = await atTime(when.submittedAt, () =>
          createSubmission(
            asAgent,
            work.task,
            {
              summary: attempt.summary,
              prUrl,
              branch: work.branch,
              diff: readDemoDiff(attempt.diff),
              checks: {
                status: attempt.checks,
                url: attempt.checks === "none" ? undefined : `https://github.com/acme/${repo}/actions/runs/${11_203_400_000 + (work.pr ?? 0) * 10 + number}`,
                log: attempt.checksLog,
              },
              durationSeconds: attempt.minutes * 60 + ((work.pr ?? 0) % 60),
              costUsd: attempt.costCents / 100,
            },
            // Only GitHub deliveries carry the pull request number (as lib/github does).
            { source: work.source as SubmissionSource, prNumber: work.source === "github" ? work.pr : undefined },
          ),
        );
        const review = attempt.review;
        if (!review || when.reviewedAt === null) continue;
        const reviewedAt = when.reviewedAt;
        // The reviewer's inline comments, written in the minutes before the verdict publishes them.
        for (const [k, comment] of (review.comments ?? []).entries()) {
          const at = reviewedAt - ((review.comments?.length ?? 0) - k + 1) * MINUTE_MS;
          await atTime(at, () =>
            createComment(
              owner,
              submission.id,
              "criterion" in comment ? { target: "criterion", criterion: comment.criterion, body: comment.body } : { target: "diff", path: comment.path, side: comment.side, line: comment.line, endLine: comment.endLine, body: comment.body },
            ),
          );
        }
        await atTime(reviewedAt, () =>
          giveVerdict(
            owner,
            submission.id,
            review.verdict === "accept" ? { verdict: "accept", checklist: CHECKLIST_IDS, summary: review.feedback } : { verdict: "request_changes", summary: review.feedback },
          ),
        );
        // Merging is GitHub's part: an accepted pull request was merged.
        if (review.verdict === "accept" && prUrl) await prisma.submission.update({ where: { id: submission.id }, data: { merged: true } });
      }
      const seeded = await prisma.task.findUniqueOrThrow({ where: { id: task.id }, select: { status: true } });
      if (seeded.status !== status) throw new Error(`Agent work on ${work.task}: the demo says ${status}, the mutations left it ${seeded.status}.`);
    }
  });
}

/**
 * The agent data must tell a consistent story: agents work on delegate tasks only; attempts are
 * numbered 1..n and come from one agent; every In review task of an agent has an attempt with a
 * diff; a task with attempts is In review or Done, and a Done one has an accepted attempt, unless
 * its last attempt was rejected (then the task went to a person, without its agent, and may be in
 * any lane); loopCount is the number of "request changes" reviews.
 */
async function checkAgentWork(tx: Tx, workspaceId: string): Promise<void> {
  const tasks = await tx.task.findMany({
    where: { workspaceId, OR: [{ agentId: { not: null } }, { submissions: { some: {} } }] },
    select: {
      number: true,
      lane: true,
      status: true,
      agentId: true,
      loopCount: true,
      board: { select: { key: true } },
      submissions: { orderBy: { attempt: "asc" }, select: { attempt: true, diff: true, agentId: true } },
      reviews: { orderBy: { createdAt: "asc" }, select: { verdict: true } },
    },
  });
  for (const task of tasks) {
    const key = `${task.board.key}-${task.number}`;
    const fail = (why: string): never => {
      throw new Error(`Seed check failed for ${key}: ${why}`);
    };
    const rejected = task.reviews.at(-1)?.verdict === "reject";
    if (rejected) {
      if (task.agentId) fail("it was rejected but still has its agent.");
      if (task.status !== "done") fail(`the demo finishes rejected work, but it is ${task.status}.`);
    } else {
      if (task.lane !== "delegate") fail("only delegate tasks have agents and attempts.");
      if (!task.agentId) fail("it has attempts but no agent.");
      if (task.submissions.length > 0 && task.status !== "in_review" && task.status !== "done") fail(`it has attempts but is ${task.status}.`);
      if (task.status === "done" && task.submissions.length > 0 && !task.reviews.some((r) => r.verdict === "accept")) fail("Done without an accepted attempt.");
    }
    if (task.submissions.some((s, i) => s.attempt !== i + 1)) fail(`attempts are ${task.submissions.map((s) => s.attempt).join(", ")}, not 1..n.`);
    if (new Set(task.submissions.map((s) => s.agentId)).size > 1 || (task.agentId && task.submissions.some((s) => s.agentId !== task.agentId))) {
      fail("an attempt comes from another agent than the assigned one.");
    }
    if (task.status === "in_review" && !task.submissions.some((s) => s.diff.trim() !== "")) fail("In review without an attempt that has a diff.");
    const loops = task.reviews.filter((r) => r.verdict === "request_changes").length;
    if (task.loopCount !== loops) fail(`loopCount is ${task.loopCount} but it has ${loops} "request changes" reviews.`);
  }
}

export async function seedDemo(prisma: PrismaClient): Promise<{ seeded: boolean }> {
  // Only into a database without any workspace: a restored backup or an imported team never gets
  // the demo users (whose password is published) added beside it.
  const existing = await prisma.workspace.findFirst({ select: { id: true } });
  if (existing) return { seeded: false };

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const now = Date.now();

  const { acme, users } = await prisma.$transaction(
    async (tx) => {
      // Upsert so that a database where the users exist but the workspace was deleted still seeds.
      const users = {} as UserIds;
      for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) {
        const { email, name } = DEMO_USERS[key];
        const user = await tx.user.upsert({
          where: { email },
          create: { email, name, passwordHash },
          update: { name, passwordHash },
          select: { id: true },
        });
        users[key] = user.id;
      }

      const acme = await tx.workspace.create({ data: { name: "Acme", slug: "acme" }, select: { id: true, slug: true, name: true } });
      await tx.membership.createMany({
        data: [
          { workspaceId: acme.id, userId: users.owner, role: "owner" },
          { workspaceId: acme.id, userId: users.member, role: "member" },
          { workspaceId: acme.id, userId: users.viewer, role: "viewer" },
          { workspaceId: acme.id, userId: users.admin, role: "admin" },
        ],
      });
      const web = await tx.board.create({
        data: { workspaceId: acme.id, name: "Web", key: "WEB" },
        select: { id: true, workspaceId: true, key: true },
      });
      const api = await tx.board.create({
        data: { workspaceId: acme.id, name: "API", key: "API" },
        select: { id: true, workspaceId: true, key: true },
      });
      await seedBoardTasks(tx, web, WEB_TASKS, users, now);
      await seedBoardTasks(tx, api, API_TASKS, users, now);

      // Globex: a second tenant the Acme users must never see.
      const globexExists = await tx.workspace.findUnique({ where: { slug: "globex" }, select: { id: true } });
      if (!globexExists) {
        const globex = await tx.workspace.create({ data: { name: "Globex", slug: "globex" }, select: { id: true } });
        await tx.membership.createMany({
          data: [
            { workspaceId: globex.id, userId: users.outsider, role: "owner" },
            { workspaceId: globex.id, userId: users.globexAdmin, role: "admin" },
            { workspaceId: globex.id, userId: users.globexMember, role: "member" },
          ],
        });
        const platform = await tx.board.create({
          data: { workspaceId: globex.id, name: "Platform", key: "PLT" },
          select: { id: true, workspaceId: true, key: true },
        });
        await seedBoardTasks(tx, platform, PLATFORM_TASKS, users, now);
      }
      return { acme, users };
    },
    { timeout: 60_000 },
  );
  try {
    await seedAgentWork(prisma, acme, now);
    await withDb(prisma, () => seedHistory(prisma, acme, users, now));
    await prisma.$transaction((tx) => checkAgentWork(tx, acme.id));
  } catch (error) {
    // Half a demo would stay half a demo ("acme" exists, so the next run would not seed): undo it.
    await prisma.workspace.delete({ where: { id: acme.id } });
    throw error;
  }

  return { seeded: true };
}

// `tsx --conditions=react-server prisma/seed.ts` (npm run db:seed)
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set. Point it at the database to seed, e.g.\n  DATABASE_URL=postgresql://user:pass@localhost:5432/baton npm run db:seed");
    process.exit(1);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const { seeded } = await seedDemo(prisma);
    console.log(seeded ? "Seeded demo data." : "Demo data already present.");
  } catch (error) {
    console.error("Seeding failed:", error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}
