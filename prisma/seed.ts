// Demo data: `npm run db:seed` (or `seedDemo(prisma)` from tests). Creates the four demo users
// from ./demo, the "Acme" workspace (boards WEB and API) and the "Globex" workspace (board PLT),
// with triage answers, and specs with their revision history (scored by the spec lint at seed
// time) on the Acme delegate tasks and a few leverage briefs. Acme also gets three agents (Devin,
// Copilot, Claude Code) with delegate tasks assigned to them, attempts whose diffs are read from
// ./demo-diffs (real changes from this repository, see scripts/make-demo-diffs.ts), and reviews.
// The tasks, the agents and their work are data in ./demo-data/*.yaml, read and validated by
// ./demo-data-loader.ts; this file turns them into rows and checks that they tell a consistent story.
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
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey } from "./demo";
import {
  AGENT_WORK,
  API_TASKS,
  PLATFORM_TASKS,
  SEED_AGENTS,
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
  board: { id: string; workspaceId: string },
  tasks: readonly SeedTask[],
  users: UserIds,
  now: number,
): Promise<void> {
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

  const rows = tasks.map((task, index): Prisma.TaskCreateManyInput => {
    const position = cellKeys.get(`${task.lane}:${task.status}`)?.shift();
    if (position === undefined) throw new Error(`No position left for "${task.title}"`);
    const id = randomUUID();
    const createdAt = now - task.createdDaysAgo * DAY_MS;
    const lastChange = now - Math.min(task.updatedDaysAgo ?? task.createdDaysAgo, task.createdDaysAgo) * DAY_MS;
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
      version: 1,
      createdAt: new Date(createdAt),
      // A spec save changes the task too.
      updatedAt: new Date(Math.max(lastChange, ...times)),
    };
  });

  await tx.task.createMany({ data: rows });
  await tx.specRevision.createMany({ data: revisions });
  await tx.taskEvent.createMany({ data: events });
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
 * Creates the Acme agents and their work: assignments (with "assigned" events by the task's owner),
 * claims and submissions (by the agent: actorId null, agentId set), and reviews by the task's owner.
 * Times run backwards from the task's last change: the last step of the lifecycle is that change,
 * and the assignment comes after the last spec revision.
 */
async function seedAgentWork(tx: Tx, workspaceId: string, now: number): Promise<void> {
  const { specThreshold } = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } });
  const agents: Record<string, { id: string; name: string }> = {};
  for (const [key, { name, kind }] of Object.entries(SEED_AGENTS)) {
    const createdAt = new Date(now - 30 * DAY_MS);
    agents[key] = await tx.agent.create({ data: { workspaceId, name, kind, createdAt, updatedAt: createdAt }, select: { id: true, name: true } });
  }

  const tasks = await tx.task.findMany({
    where: { workspaceId },
    select: {
      id: true,
      number: true,
      lane: true,
      status: true,
      ownerId: true,
      specScore: true,
      createdAt: true,
      updatedAt: true,
      board: { select: { key: true } },
      revisions: { orderBy: { number: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  const byKey = new Map(tasks.map((task) => [`${task.board.key}-${task.number}`, task]));

  const events: Prisma.TaskEventCreateManyInput[] = [];
  for (const work of AGENT_WORK) {
    const task = byKey.get(work.task);
    if (!task) throw new Error(`Agent work names ${work.task}, which is not an Acme task.`);
    if (task.lane !== "delegate") throw new Error(`Agent work on ${work.task}: only delegate tasks go to agents.`);
    if ((task.specScore ?? 0) < specThreshold) throw new Error(`Agent work on ${work.task}: its spec scores ${task.specScore}, below the threshold ${specThreshold}.`);
    if (!task.ownerId) throw new Error(`Agent work on ${work.task}: the task needs an owner to assign and review it.`);
    const ownerId = task.ownerId;
    const attempts = checkAttempts(work, task.status);
    const agent = agents[work.agent];
    if (!agent) throw new Error(`Agent work on ${work.task}: there is no agent "${work.agent}".`);
    const repo = work.task.split("-")[0]?.toLowerCase() ?? "web";
    const prUrl = work.pr ? `https://github.com/acme/${repo}/pull/${work.pr}` : null;

    // Backwards from the task's last change (at least an hour after its last spec revision).
    const lastSpec = task.revisions[0]?.createdAt.getTime() ?? task.createdAt.getTime();
    const end = Math.min(Math.max(task.updatedAt.getTime(), lastSpec + HOUR_MS), now - MINUTE_MS);
    const times: { submittedAt: number; reviewedAt: number | null }[] = [];
    let t = end;
    for (let i = attempts.length - 1; i >= 0; i--) {
      const attempt = attempts[i] as SeedAttempt;
      const reviewedAt = attempt.review ? t : null;
      if (attempt.review) t -= attempt.review.afterHours * HOUR_MS;
      times.unshift({ submittedAt: t, reviewedAt });
      t -= attempt.minutes * MINUTE_MS;
      // Between attempts the agent picks up the review a few minutes after it was posted.
      if (i > 0) t -= 4 * MINUTE_MS;
    }
    const claimedAt = task.status === "ready" ? null : t;
    const assignedAt = task.status === "ready" ? t : t - 6 * MINUTE_MS;
    if (assignedAt <= lastSpec) throw new Error(`Agent work on ${work.task}: the work would start before the spec was final; shorten it.`);

    events.push({
      workspaceId,
      taskId: task.id,
      actorId: ownerId,
      type: "assigned",
      after: { agent: agent.name },
      createdAt: new Date(assignedAt),
    });
    if (claimedAt !== null) {
      events.push({ workspaceId, taskId: task.id, agentId: agent.id, type: "claimed", after: { status: "in_progress" }, createdAt: new Date(claimedAt) });
    }

    let loopCount = 0;
    for (const [i, attempt] of attempts.entries()) {
      const { submittedAt, reviewedAt } = times[i] as (typeof times)[number];
      const number = i + 1;
      const source = work.source as SubmissionSource;
      const merged = attempt.review?.verdict === "accept" && prUrl !== null;
      const submission = await tx.submission.create({
        data: {
          workspaceId,
          taskId: task.id,
          agentId: agent.id,
          attempt: number,
          source,
          summary: attempt.summary,
          prUrl,
          // Only GitHub deliveries carry the pull request number (as lib/github does).
          prNumber: source === "github" ? (work.pr ?? null) : null,
          branch: work.branch ?? null,
          diff: readDemoDiff(attempt.diff),
          checksStatus: attempt.checks,
          checksUrl: attempt.checks === "none" ? null : `https://github.com/acme/${repo}/actions/runs/${11_203_400_000 + (work.pr ?? 0) * 10 + number}`,
          checksLog: attempt.checksLog ?? null,
          durationSeconds: attempt.minutes * 60 + ((work.pr ?? 0) % 60),
          costCents: attempt.costCents,
          merged,
          createdAt: new Date(submittedAt),
          updatedAt: new Date(reviewedAt ?? submittedAt),
        },
        select: { id: true },
      });
      events.push({
        workspaceId,
        taskId: task.id,
        agentId: agent.id,
        type: "submitted",
        after: { attempt: number, source, prUrl },
        createdAt: new Date(submittedAt),
      });
      if (attempt.review && reviewedAt !== null) {
        if (attempt.review.verdict === "request_changes") loopCount++;
        await tx.review.create({
          data: {
            workspaceId,
            taskId: task.id,
            submissionId: submission.id,
            reviewerId: ownerId,
            verdict: attempt.review.verdict,
            feedback: attempt.review.feedback,
            loopCount,
            loopLimit: 2,
            createdAt: new Date(reviewedAt),
          },
        });
        events.push({
          workspaceId,
          taskId: task.id,
          actorId: ownerId,
          type: "reviewed",
          after: { attempt: number, verdict: attempt.review.verdict },
          createdAt: new Date(reviewedAt),
        });
      }
    }

    const reviewTimes = times.map((x) => x.reviewedAt).filter((x): x is number => x !== null);
    await tx.task.update({
      where: { id: task.id },
      data: {
        agentId: agent.id,
        assignedAt: new Date(assignedAt),
        claimedAt: claimedAt === null ? null : new Date(claimedAt),
        submittedAt: times.length > 0 ? new Date((times.at(-1) as (typeof times)[number]).submittedAt) : null,
        reviewedAt: reviewTimes.length > 0 ? new Date(Math.max(...reviewTimes)) : null,
        loopCount,
        // One write each for the assignment, the claim, every attempt and every review.
        version: 1 + 1 + (claimedAt === null ? 0 : 1) + attempts.length + reviewTimes.length,
        updatedAt: new Date(Math.max(end, task.updatedAt.getTime())),
      },
    });
  }
  await tx.taskEvent.createMany({ data: events });
}

/**
 * The agent data must tell a consistent story: agents work on delegate tasks only; attempts are
 * numbered 1..n; every In review task of an agent has an attempt with a diff; a task with attempts
 * is In review or Done, and a Done one has an accepted attempt; loopCount is the number of
 * "request changes" reviews.
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
      reviews: { select: { verdict: true } },
    },
  });
  for (const task of tasks) {
    const key = `${task.board.key}-${task.number}`;
    const fail = (why: string): never => {
      throw new Error(`Seed check failed for ${key}: ${why}`);
    };
    if (task.lane !== "delegate") fail("only delegate tasks have agents and attempts.");
    if (!task.agentId) fail("it has attempts but no agent.");
    if (task.submissions.some((s, i) => s.attempt !== i + 1)) fail(`attempts are ${task.submissions.map((s) => s.attempt).join(", ")}, not 1..n.`);
    if (task.submissions.some((s) => s.agentId !== task.agentId)) fail("an attempt comes from another agent than the assigned one.");
    if (task.status === "in_review" && !task.submissions.some((s) => s.diff.trim() !== "")) fail("In review without an attempt that has a diff.");
    if (task.submissions.length > 0 && task.status !== "in_review" && task.status !== "done") fail(`it has attempts but is ${task.status}.`);
    if (task.status === "done" && task.submissions.length > 0 && !task.reviews.some((r) => r.verdict === "accept")) fail("Done without an accepted attempt.");
    const loops = task.reviews.filter((r) => r.verdict === "request_changes").length;
    if (task.loopCount !== loops) fail(`loopCount is ${task.loopCount} but it has ${loops} "request changes" reviews.`);
  }
}

export async function seedDemo(prisma: PrismaClient): Promise<{ seeded: boolean }> {
  const existing = await prisma.workspace.findUnique({ where: { slug: "acme" }, select: { id: true } });
  if (existing) return { seeded: false };

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const now = Date.now();

  await prisma.$transaction(
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

      const acme = await tx.workspace.create({ data: { name: "Acme", slug: "acme" }, select: { id: true } });
      await tx.membership.createMany({
        data: [
          { workspaceId: acme.id, userId: users.owner, role: "owner" },
          { workspaceId: acme.id, userId: users.member, role: "member" },
          { workspaceId: acme.id, userId: users.viewer, role: "viewer" },
        ],
      });
      const web = await tx.board.create({
        data: { workspaceId: acme.id, name: "Web", key: "WEB" },
        select: { id: true, workspaceId: true },
      });
      const api = await tx.board.create({
        data: { workspaceId: acme.id, name: "API", key: "API" },
        select: { id: true, workspaceId: true },
      });
      await seedBoardTasks(tx, web, WEB_TASKS, users, now);
      await seedBoardTasks(tx, api, API_TASKS, users, now);
      await seedAgentWork(tx, acme.id, now);
      await checkAgentWork(tx, acme.id);

      // Globex: a second tenant the Acme users must never see.
      const globexExists = await tx.workspace.findUnique({ where: { slug: "globex" }, select: { id: true } });
      if (!globexExists) {
        const globex = await tx.workspace.create({ data: { name: "Globex", slug: "globex" }, select: { id: true } });
        await tx.membership.create({ data: { workspaceId: globex.id, userId: users.outsider, role: "owner" } });
        const platform = await tx.board.create({
          data: { workspaceId: globex.id, name: "Platform", key: "PLT" },
          select: { id: true, workspaceId: true },
        });
        await seedBoardTasks(tx, platform, PLATFORM_TASKS, users, now);
      }
    },
    { timeout: 60_000 },
  );

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
