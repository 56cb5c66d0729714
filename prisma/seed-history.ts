// The Acme history: eight weeks of finished work beside the boards' current tasks, read from
// ./demo-data/history.yaml (validated by ./demo-data-loader.ts) and replayed through the same
// mutations people and agents call, each step at its own moment (`atTime`), so that it follows the
// real rules: tasks are created, triaged and specified (scored by the spec lint), moved past the
// readiness gate (or over it and over the triage, with the reasons recorded), assigned, claimed and
// attempted; attempts are reviewed in review sittings (accept, request changes within the loop
// limit, or reject with a reason, which hands the task to its person in the Leverage lane); rejected
// work is finished by hand or in a leverage session; and leverage sessions run through their
// phases with approaches, interrupts, review notes and a linked coding assistant.
//
// Every step of every task and session is planned first, then all of them run in time order, so
// that review sittings and the one-session-at-a-time focus guard see the world as it was. Times
// are UTC: people work on weekdays (delegations from 09:00, a review sitting at 14:00,
// sessions in the morning); agents work whenever they are given something.
import type { PrismaClient } from "../lib/core/generated/prisma/client";
import { assignAgent, claimTask, createSubmission } from "../lib/agent/mutations";
import { scopeForUser } from "../lib/auth/scope";
import { atTime } from "../lib/core/clock";
import type { WorkspaceScope } from "../lib/core/scope";
import { scopeForGitHub } from "../lib/github/gate";
import { giveVerdict, startSession as openReviewQueue, updateSession as updateReviewSession } from "../lib/review/mutations";
import { CHECKLIST_IDS } from "../lib/review/rules";
import { scopeForSessionToken } from "../lib/session/gate";
import { addApproach, addInterrupt, addNote, createAiToken, recordAiEvent, startSession, updateApproach, updateNote, updateSession } from "../lib/session/mutations";
import { PHASES, type Phase } from "../lib/session/rules";
import type { SessionView } from "../lib/session/types";
import { saveSpec } from "../lib/spec/mutations";
import { lintSpec } from "../lib/spec/lint";
import { createTask, moveTask, setTriage } from "../lib/task/mutations";
import { recommendLane, type TriageAnswers } from "../lib/task/triage";
import { HISTORY, SEED_AGENTS, triaged, type HistoryDelegated, type HistoryLeverage, type HistorySession } from "./demo-data-loader";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Known work: every delegate condition holds and no leverage condition does. */
const DELEGATE_TRIAGE = triaged("knowWhat", "examples", "approachObvious", "successDefined", "selfContained");
/** How each agent hands in its work, and its branch prefix. */
const AGENT_STYLE: Record<string, { source: (board: string) => "api" | "mcp" | "github"; branch: string }> = {
  devin: { source: () => "api", branch: "devin" },
  copilot: { source: () => "github", branch: "copilot" },
  claudeCode: { source: (board) => (board === "API" ? "mcp" : "github"), branch: "claude" },
};
/** Pull requests of the history come before the ones in agents.yaml (acme/web from #377, acme/api from #219). */
const FIRST_PR: Record<string, number> = { WEB: 301, API: 151 };

// ---------------------------------------------------------------------------------------------
// Time: deterministic "randomness" from the titles, and the working week.
// ---------------------------------------------------------------------------------------------

/** FNV-1a: the same title always gets the same jitter, so the demo is the same on every seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An integer in [min, max], fixed by the seed text. */
function jitter(seed: string, min: number, max: number): number {
  return min + (hash(seed) % (max - min + 1));
}

const midnight = (t: number) => Math.floor(t / DAY) * DAY;
const isWeekend = (t: number) => [0, 6].includes(new Date(t).getUTCDay());

/** Midnight (UTC) of the working day `days` before `now`; a Saturday or Sunday moves back to the Friday. */
function workdayAgo(now: number, days: number): number {
  let day = midnight(now - days * DAY);
  while (isWeekend(day)) day -= DAY;
  return day;
}

/** Midnight of the working day `n` working days before (n < 0: after) `day`. */
function workdaysFrom(day: number, n: number): number {
  const step = n < 0 ? DAY : -DAY;
  let left = Math.abs(n);
  let at = midnight(day);
  while (left > 0) {
    at += step;
    if (!isWeekend(at)) left--;
  }
  return at;
}

/** Midnight of the working day `t` falls on, or of the next one. */
function sameOrNextWorkday(t: number): number {
  let day = midnight(t);
  while (isWeekend(day)) day += DAY;
  return day;
}

/** Review sittings: once every working day, after lunch (14:00, a few minutes later on some days). */
function nextSittingStart(t: number): number {
  for (let day = midnight(t); ; day += DAY) {
    const start = day + 14 * HOUR + ((day / DAY) % 4) * 5 * MINUTE;
    if (!isWeekend(day) && start >= t) return start;
  }
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");

// ---------------------------------------------------------------------------------------------
// The plan: steps at moments, run in time order.
// ---------------------------------------------------------------------------------------------

interface Step {
  at: number;
  seq: number;
  what: string;
  /** What the step must not overtake: the task, the reviewer's sittings, the person's sessions, a board's numbering. */
  uses: string[];
  run: () => Promise<unknown>;
}

class Plan {
  readonly steps: Step[] = [];
  add(at: number, what: string, uses: string[], run: () => Promise<unknown>) {
    this.steps.push({ at: Math.round(at), seq: this.steps.length, what, uses, run });
  }
}

/** How many steps run at once: steps that share nothing need not wait for one another. */
const CONCURRENCY = 6;

/**
 * Runs the steps in time order, each at its moment; a step starts once every earlier step that
 * uses one of its resources is done, so steps of unrelated tasks overlap. After a failure no
 * new step starts, and the first failure is thrown once the running ones are over.
 */
async function runPlan(steps: readonly Step[]): Promise<void> {
  let failure: Error | null = null;
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const last = new Map<string, Promise<void>>();
  const all = steps.map((step) => {
    const before = step.uses.map((use) => last.get(use));
    const done = Promise.all(before).then(async () => {
      await slot();
      try {
        if (!failure) await atTime(step.at, step.run);
      } catch (error) {
        failure ??= new Error(`History: "${step.what}" at ${iso(step.at)} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        release();
      }
    });
    for (const use of step.uses) last.set(use, done);
    return done;
  });
  await Promise.all(all);
  if (failure) throw failure;
}

type UserKey = "owner" | "member" | "admin";

/** A reviewer's sitting in the review queue: the minutes of reviews planned in it, and its review session once opened. */
interface Sitting {
  reviewer: UserKey;
  start: number;
  used: number;
  sessionId: string | null;
}

/** What the steps act with when they run; planning does without it (planHistory). */
interface Runtime {
  scopes: Record<UserKey, WorkspaceScope>;
  userIds: Record<UserKey, string>;
  agents: Record<string, { id: string; scope: WorkspaceScope }>;
  prisma: PrismaClient;
}

interface Context {
  now: number;
  plan: Plan;
  run: () => Runtime;
  threshold: number;
  /** The key each history task got, by title (known once its createTask step has run). */
  keys: Map<string, string>;
  /** When each rejected task was rejected, by title (known once planned). */
  rejectedAt: Map<string, number>;
  /** Review sittings by reviewer and start. */
  sittings: Map<string, Sitting>;
  /** Each person's planned leverage sessions, [start, end]: the focus guard allows one at a time. */
  busy: Map<UserKey, [number, number][]>;
  nextPr: Record<string, number>;
}

const keyOf = (ctx: Context, title: string): string => {
  const key = ctx.keys.get(title);
  if (!key) throw new Error(`History: "${title}" has no key yet (its task was not created before this step).`);
  return key;
};

/** The Outcome section's text: a task's description when the file gives none. */
function outcomeOf(spec: string): string {
  const match = /^## Outcome\s*\n([\s\S]*?)(?=\n## |$)/m.exec(spec);
  return (match?.[1] ?? "").trim();
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .split("-")
    .slice(0, 5)
    .join("-");

/** Minutes a reviewer spends on an attempt: longer for bigger work and for sending it back. */
function reviewMinutes(seed: string, minutes: number, verdict: string): number {
  const base = verdict === "request_changes" ? 9 : verdict === "reject" ? 6 : 5;
  return Math.min(28, base + Math.round(minutes / 8) + jitter(seed, 0, 6));
}

// ---------------------------------------------------------------------------------------------
// Delegated tasks.
// ---------------------------------------------------------------------------------------------

function planDelegated(ctx: Context, task: HistoryDelegated) {
  const { plan } = ctx;
  const title = task.title;
  const fail = (why: string): never => {
    throw new Error(`History, delegated task "${title}": ${why}`);
  };
  const owner = task.owner;
  const createdBy = task.createdBy ?? owner;
  const specBy = task.specBy ?? owner;
  if (!SEED_AGENTS[task.agent]) fail(`unknown agent "${task.agent}".`);
  // The agent's id and scope, when a step runs.
  const agent = () => ctx.run().agents[task.agent] as Runtime["agents"][string];
  const style = AGENT_STYLE[task.agent] ?? { source: () => "api" as const, branch: task.agent };

  // The story must hold: the gate stops a spec below the threshold unless overridden, and an
  // override is only recorded when the gate stopped it; the triage recommends delegating it
  // unless it was over-delegated.
  const score = lintSpec(task.spec).score;
  if (score < ctx.threshold && !task.gateOverride) fail(`its spec scores ${score}, below the threshold ${ctx.threshold}: improve it, or give gateOverride.`);
  if (score >= ctx.threshold && task.gateOverride) fail(`its spec scores ${score}, so the gate lets it through: drop gateOverride, or weaken the spec.`);
  const triage: TriageAnswers = task.triage ?? DELEGATE_TRIAGE;
  if ((recommendLane(triage) !== "delegate") !== Boolean(task.overDelegated)) fail("the triage and overDelegated disagree.");

  // What its steps must not overtake: its own earlier steps, the owner's review sittings, the board's numbering.
  const taskUse = `task:${title}`;
  const reviewer = `reviewer:${owner}`;

  const assignDay = workdayAgo(ctx.now, task.day);
  const assignAt = assignDay + 9 * HOUR + jitter(`${title}:assign`, 0, 420) * MINUTE;
  const createdAt = workdaysFrom(assignDay, jitter(`${title}:lead`, 1, 3)) + 9 * HOUR + jitter(`${title}:created`, 0, 480) * MINUTE;

  plan.add(createdAt, `create "${title}"`, [taskUse, `board:${task.board}`], async () => {
    const card = await createTask(ctx.run().scopes[createdBy], {
      boardKey: task.board,
      title,
      description: task.description ?? outcomeOf(task.spec),
      lane: "untriaged",
      status: "backlog",
      ownerId: ctx.run().userIds[owner],
      labels: task.labels ?? [],
    });
    ctx.keys.set(title, card.key);
  });
  plan.add(createdAt + 12 * MINUTE, `triage "${title}"`, [taskUse], () => setTriage(ctx.run().scopes[createdBy], keyOf(ctx, title), { answers: triage }));
  const revisions = task.draft ? [task.draft, task.spec] : [task.spec];
  const saves = task.draft ? [createdAt + 40 * MINUTE, assignAt - 80 * MINUTE] : [assignAt - 80 * MINUTE];
  revisions.forEach((markdown, i) =>
    plan.add(saves[i] as number, `spec of "${title}"`, [taskUse], () =>
      saveSpec(ctx.run().scopes[specBy], keyOf(ctx, title), { markdown, baseRevision: i, ...(i === 0 && task.template && { templateId: task.template }) }),
    ),
  );
  plan.add(assignAt - 25 * MINUTE, `delegate "${title}"`, [taskUse], () =>
    moveTask(ctx.run().scopes[owner], keyOf(ctx, title), {
      lane: "delegate",
      status: "ready",
      afterId: null,
      ...(task.overDelegated && { overDelegationReason: task.overDelegated }),
      ...(task.gateOverride && { gateOverrideReason: task.gateOverride }),
    }),
  );
  plan.add(assignAt, `assign "${title}"`, [taskUse], () => assignAgent(ctx.run().scopes[owner], keyOf(ctx, title), { agentId: agent().id }));

  // The attempts and their reviews, each reviewed in the owner's next sitting.
  const repo = task.board.toLowerCase();
  const pr = ctx.nextPr[task.board] as number;
  ctx.nextPr[task.board] = pr + jitter(`${title}:pr`, 1, 3);
  const prUrl = `https://github.com/acme/${repo}/pull/${pr}`;
  const source = style.source(task.board);
  let t = assignAt;
  let submissionId = "";
  for (const [i, attempt] of task.attempts.entries()) {
    const number = i + 1;
    const claimAt = t + jitter(`${title}:${number}:pickup`, 3, 25) * MINUTE;
    const submitAt = claimAt + attempt.minutes * MINUTE;
    const sittingStart = nextSittingStart(submitAt + 30 * MINUTE);
    const sittingKey = `${owner}@${sittingStart}`;
    const sitting = ctx.sittings.get(sittingKey) ?? { reviewer: owner, start: sittingStart, used: 0, sessionId: null };
    ctx.sittings.set(sittingKey, sitting);
    const review = reviewMinutes(`${title}:${number}:review`, attempt.minutes, attempt.verdict.verdict) * MINUTE;
    const openedAt = sitting.start + sitting.used;
    const verdictAt = openedAt + review;
    sitting.used += review;

    plan.add(claimAt, `claim "${title}" (attempt ${number})`, [taskUse], () => claimTask(agent().scope, keyOf(ctx, title)));
    const previous = task.attempts[i - 1]?.verdict;
    const summary =
      attempt.summary ??
      (previous?.verdict === "request_changes" ? `Addressed the review.\n\n> ${previous.summary.split("\n")[0]}` : `${title}: done as the spec asks.`);
    plan.add(submitAt, `submit "${title}" (attempt ${number})`, [taskUse], async () => {
      const key = keyOf(ctx, title);
      const { submission } = await createSubmission(
        agent().scope,
        key,
        {
          summary: source === "github" ? `PR #${pr}: ${key}: ${title}\n\n${summary}` : summary,
          prUrl,
          branch: `${style.branch}/${key.toLowerCase()}-${slug(title)}`,
          checks: {
            status: attempt.checks,
            url: attempt.checks === "none" ? undefined : `https://github.com/acme/${repo}/actions/runs/${10_400_000_000 + pr * 10 + number}`,
            log: attempt.checks === "failed" ? `Run npm test\n\n  1 failed, ${jitter(`${title}:${number}:tests`, 40, 260)} passed\nError: Process completed with exit code 1.` : undefined,
          },
          durationSeconds: attempt.minutes * 60 + jitter(`${title}:${number}:seconds`, 0, 59),
          costUsd: attempt.cents / 100,
        },
        { source, prNumber: source === "github" ? pr : undefined },
      );
      submissionId = submission.id;
    });
    // The sitting's first review opens the queue, which starts the reviewer's review session (and
    // ends their previous one, idle since its last verdict); the reviews after it stay in it.
    if (openedAt === sitting.start) {
      plan.add(openedAt + 1000, `open the review queue of ${owner}`, [taskUse, reviewer], async () => {
        sitting.sessionId = (await openReviewQueue(ctx.run().scopes[owner])).id;
      });
    }
    const verdict = attempt.verdict;
    plan.add(verdictAt, `review "${title}" (attempt ${number}: ${verdict.verdict})`, [taskUse, reviewer], async () => {
      const sessionId = sitting.sessionId ?? undefined;
      await giveVerdict(
        ctx.run().scopes[owner],
        submissionId,
        verdict.verdict === "accept"
          ? { verdict: "accept", checklist: [...CHECKLIST_IDS], summary: verdict.summary, sessionId }
          : verdict.verdict === "request_changes"
            ? { verdict: "request_changes", summary: verdict.summary, sessionId }
            : { verdict: "reject", reason: verdict.reason, note: verdict.note, sessionId },
      );
      // Merging is GitHub's part: an accepted pull request was merged (as in seed.ts).
      if (verdict.verdict === "accept") await ctx.run().prisma.submission.update({ where: { id: submissionId }, data: { merged: true } });
    });
    t = verdictAt;
  }

  if (task.attempts.at(-1)?.verdict.verdict !== "reject") return;
  // Rejected: the task is its owner's, in Leverage · Ready. A session on it is planned with the
  // sessions; otherwise its person takes it up the next working day and marks it done later.
  ctx.rejectedAt.set(title, t);
  if (task.doneAfter === undefined) return;
  const takenAt = workdaysFrom(t, -1) + 9.5 * HOUR + jitter(`${title}:taken`, 0, 90) * MINUTE;
  const doneAt = Math.max(takenAt + 3 * HOUR, sameOrNextWorkday(t + task.doneAfter * DAY) + 16 * HOUR + jitter(`${title}:done`, 0, 60) * MINUTE);
  plan.add(takenAt, `take up "${title}"`, [taskUse], () => moveTask(ctx.run().scopes[owner], keyOf(ctx, title), { lane: "leverage", status: "in_progress", afterId: null }));
  plan.add(doneAt, `finish "${title}" by hand`, [taskUse], () => moveTask(ctx.run().scopes[owner], keyOf(ctx, title), { lane: "leverage", status: "done", afterId: null }));
}

// ---------------------------------------------------------------------------------------------
// Leverage sessions.
// ---------------------------------------------------------------------------------------------

export type Existing = { key: string; lane: string; status: string; createdAt: Date; updatedAt: Date };

function planSession(ctx: Context, s: HistorySession, leverage: HistoryLeverage | undefined, existing: Existing | undefined) {
  const { plan } = ctx;
  const person = s.by as UserKey;
  // The person's scope, when a step runs.
  const scope = () => ctx.run().scopes[person];
  const fail = (why: string): never => {
    throw new Error(`History, session on "${s.task}": ${why}`);
  };
  const rejected = ctx.rejectedAt.get(s.task);
  // Its steps follow the task's earlier ones (a rejection), and the person's other sessions.
  const uses = [`task:${s.task}`, `person:${person}`];

  // When: the day asked for (or the days after the rejection), in the morning, moved to the next
  // working day while the person is in another session then.
  const phases = PHASES.filter((p) => s.phases[p] !== undefined);
  const active = phases.reduce((sum, p) => sum + (s.phases[p] as number), 0);
  const pauseMinutes = s.pause?.minutes ?? 0;
  const length = (active + pauseMinutes) * MINUTE;
  const notBefore = rejected === undefined ? 0 : rejected + HOUR;
  let day = rejected === undefined ? workdayAgo(ctx.now, s.day ?? 0) : sameOrNextWorkday(rejected + (s.afterRejection ?? 0) * DAY);
  // Mornings, so that a session is over before its person's review sitting after lunch.
  const slot = 8.5 * HOUR + jitter(`${s.task}:start`, 0, 30) * MINUTE;
  const busy = ctx.busy.get(person) ?? [];
  ctx.busy.set(person, busy);
  const taken = (from: number) => from < notBefore || busy.some(([a, b]) => from < b + 30 * MINUTE && from + length + 30 * MINUTE > a);
  if (existing) {
    // An existing task's session falls within its life (which is counted in calendar days, the
    // sessions in working days): the free working day nearest the one asked for, later or earlier.
    if (existing.lane !== "leverage" || existing.status !== "done") fail(`${existing.key} is not a done Leverage task.`);
    const [born, last] = [existing.createdAt.getTime() + HOUR, existing.updatedAt.getTime() - 10 * MINUTE];
    const fits = (from: number) => from >= born && from + length <= last && !taken(from);
    const nearest = [day, ...Array.from({ length: 20 }, (_, k) => [workdaysFrom(day, -(k + 1)), workdaysFrom(day, k + 1)]).flat()].find((d) => fits(d + slot));
    day = nearest ?? fail(`no free working day within the life of ${existing.key} (${iso(born)} to ${iso(last)}) fits ${length / MINUTE} minutes: change its day.`);
  } else {
    while (taken(day + slot)) day = workdaysFrom(day, -1);
  }
  const start = day + slot;
  const end = start + length;
  busy.push([start, end]);

  // Active minutes from the start → the moment: a pause inserts its minutes after `pauseAt`.
  const phaseStart = (phase: Phase) => phases.slice(0, phases.indexOf(phase)).reduce((sum, p) => sum + (s.phases[p] as number), 0);
  const pauseAt = s.pause ? phaseStart(s.pause.phase) + s.pause.after : Infinity;
  const moment = (minutes: number) => start + minutes * MINUTE + (minutes > pauseAt ? pauseMinutes * MINUTE : 0);
  const taskKey = () => (existing ? existing.key : keyOf(ctx, s.task));
  const label = `session of ${person} on "${s.task}"`;
  const state = { id: "", version: 1, approaches: new Map<string, string>(), notes: [] as string[] };
  const keep = (view: SessionView) => {
    state.version = view.version;
    for (const a of view.approaches) state.approaches.set(a.name, a.id);
    state.notes = view.notes.map((n) => n.id);
  };

  // The task: a new leverage task is created a few working days before; it goes to In progress
  // as the session starts and to Done right after it.
  if (leverage) {
    const createdAt = workdaysFrom(day, jitter(`${s.task}:lead`, 1, 4)) + 10 * HOUR + jitter(`${s.task}:created`, 0, 360) * MINUTE;
    plan.add(createdAt, `create "${s.task}"`, [...uses, `board:${leverage.board}`], async () => {
      const card = await createTask(ctx.run().scopes[leverage.createdBy], {
        boardKey: leverage.board,
        title: leverage.title,
        description: leverage.description,
        lane: "leverage",
        status: "backlog",
        ownerId: ctx.run().userIds[leverage.owner ?? person],
        labels: leverage.labels ?? [],
      });
      ctx.keys.set(leverage.title, card.key);
    });
    plan.add(createdAt + 10 * MINUTE, `triage "${s.task}"`, uses, () => setTriage(ctx.run().scopes[leverage.createdBy], keyOf(ctx, s.task), { answers: leverage.triage }));
  }
  // Starting the session takes a new task to In progress (startSession); finishing it is the person's move.
  const moves = !existing;

  plan.add(start, `start the ${label}`, uses, async () => {
    const { session } = await startSession(scope(), { taskKey: taskKey() });
    state.id = session.id;
    keep(session);
  });
  for (const phase of phases.slice(1)) {
    plan.add(moment(phaseStart(phase)), `${label}: ${phase}`, uses, async () => keep(await updateSession(scope(), state.id, { version: state.version, phase })));
  }
  if (s.pause) {
    plan.add(moment(pauseAt), `${label}: pause`, uses, async () => keep(await updateSession(scope(), state.id, { version: state.version, state: "paused" })));
    plan.add(moment(pauseAt) + pauseMinutes * MINUTE, `${label}: resume`, uses, async () => keep(await updateSession(scope(), state.id, { version: state.version, state: "active" })));
  }

  // Approaches are weighed in Design; the chosen one is marked just before leaving it.
  if (s.approaches.length > 0) {
    const from = phaseStart("design");
    const minutes = s.phases.design as number;
    s.approaches.forEach((approach, i) => {
      const { chosen: _chosen, ...fields } = approach;
      plan.add(moment(from + ((i + 1) * minutes) / (s.approaches.length + 2)), `${label}: approach`, uses, async () => keep(await addApproach(scope(), state.id, fields)));
    });
    const chosen = s.approaches.find((a) => a.chosen);
    if (chosen) plan.add(moment(from + minutes - 1.5), `${label}: choose`, uses, async () => keep(await updateApproach(scope(), state.id, state.approaches.get(chosen.name) ?? "", { chosen: true })));
  }

  // Interrupts and notes spread over their phase; done notes are ticked off in Refinement.
  const spread = <T,>(items: T[], phaseOf: (item: T) => Phase, offset: number, add: (item: T, at: number) => void) => {
    for (const phase of phases) {
      const inPhase = items.filter((item) => phaseOf(item) === phase);
      inPhase.forEach((item, i) => add(item, moment(phaseStart(phase) + ((i + 1) * (s.phases[phase] as number)) / (inPhase.length + 1) + offset)));
    }
  };
  spread(s.interrupts, (i) => i.phase, 0.2, (interrupt, at) =>
    plan.add(at, `${label}: interrupt`, uses, async () => keep(await addInterrupt(scope(), state.id, { category: interrupt.category, note: interrupt.note }))),
  );
  const notePhase = (phase: Phase | undefined): Phase => phase ?? (phases.includes("implementation") ? "implementation" : (phases.at(-1) as Phase));
  const notes = s.notes.map((note, index) => ({ ...note, index, phase: notePhase(note.phase) }));
  spread(notes, (n) => n.phase, 0.6, (note, at) => plan.add(at, `${label}: note`, uses, async () => keep(await addNote(scope(), state.id, { body: note.body }))));
  const done = notes.filter((n) => n.done);
  const tickFrom = phases.includes("refinement") ? phaseStart("refinement") : active - 3;
  const tickMinutes = phases.includes("refinement") ? (s.phases.refinement as number) - 2 : 2;
  done.forEach((note, i) =>
    plan.add(moment(tickFrom + ((i + 1) * tickMinutes) / (done.length + 1)), `${label}: tick a note`, uses, async () =>
      keep(await updateNote(scope(), state.id, state.notes[note.index] ?? "", { done: true })),
    ),
  );

  // The coding assistant, connected at the start: each prompt is followed by its finished turn.
  if (s.ai) {
    const ai = { scope: null as WorkspaceScope | null, id: `${hash(`${s.task}:ai`).toString(16)}-${hash(s.outcome).toString(16)}` };
    const payload = { session_id: ai.id, transcript_path: `/home/dev/.claude/projects/acme/${ai.id}.jsonl`, cwd: "/home/dev/acme", permission_mode: "default" };
    const report = (body: Record<string, unknown>) => {
      if (!ai.scope) throw new Error("the AI reports before it was connected.");
      return recordAiEvent(ai.scope, state.id, { ...payload, ...body });
    };
    plan.add(moment(2), `${label}: connect the AI`, uses, async () => {
      const { token, session } = await createAiToken(scope(), state.id);
      keep(session);
      ai.scope = (await scopeForSessionToken(`Bearer ${token}`)).scope;
    });
    plan.add(moment(2.5), `${label}: AI start`, uses, () => report({ hook_event_name: "SessionStart", source: "startup" }));
    const prompts = s.ai.prompts;
    const gap = (active - 6) / prompts.length;
    prompts.forEach((prompt, i) => {
      const at = 3 + gap * (i + 0.2);
      plan.add(moment(at), `${label}: prompt`, uses, () => report({ hook_event_name: "UserPromptSubmit", prompt }));
      plan.add(moment(at + Math.min(6, gap * 0.6)), `${label}: turn`, uses, () => report({ hook_event_name: "Stop", stop_hook_active: false }));
    });
    plan.add(moment(active - 1.5), `${label}: AI end`, uses, () => report({ hook_event_name: "SessionEnd", reason: "prompt_input_exit" }));
  }

  const open = s.notes.some((n) => !n.done);
  plan.add(end, `finish the ${label}`, uses, async () =>
    keep(await updateSession(scope(), state.id, { version: state.version, state: "finished", outcome: s.outcome, ...(open && { leaveOpenNotes: true }) })),
  );
  if (moves) plan.add(end + 4 * MINUTE, `finish "${s.task}"`, uses, () => moveTask(scope(), taskKey(), { lane: "leverage", status: "done", afterId: null }));
}

// ---------------------------------------------------------------------------------------------
// Seeding.
// ---------------------------------------------------------------------------------------------

/** The existing Acme tasks the history's sessions happened on (by key, e.g. WEB-2), as seeded. */
export const EXISTING_SESSION_TASKS = HISTORY.sessions.map((s) => s.task).filter((task) => /^(WEB|API)-\d+$/.test(task));

/**
 * The history's steps in time order, planned for seeding at `now`: pure, so that a test can plan
 * it for any moment (the weekday and the hour move working days against calendar ones). Throws
 * if the history cannot be told then. `run` gives what the steps act with, once they run.
 */
export function planHistory(now: number, threshold: number, existing: ReadonlyMap<string, Existing>, run: () => Runtime): Step[] {
  const ctx: Context = {
    now,
    plan: new Plan(),
    run,
    threshold,
    keys: new Map(),
    rejectedAt: new Map(),
    sittings: new Map(),
    busy: new Map(),
    nextPr: { ...FIRST_PR },
  };
  for (const task of HISTORY.delegated) planDelegated(ctx, task);
  for (const s of HISTORY.sessions) planSession(ctx, s, HISTORY.leverage.find((t) => t.title === s.task), existing.get(s.task));
  // A reviewer's last sitting ends with "End session" a few minutes after its last verdict.
  const lastSittings = new Map<UserKey, Sitting>();
  for (const sitting of ctx.sittings.values()) if (sitting.start > (lastSittings.get(sitting.reviewer)?.start ?? 0)) lastSittings.set(sitting.reviewer, sitting);
  for (const sitting of lastSittings.values()) {
    ctx.plan.add(sitting.start + sitting.used + jitter(`${sitting.reviewer}@${sitting.start}`, 1, 4) * MINUTE, `end a review sitting of ${sitting.reviewer}`, [`reviewer:${sitting.reviewer}`], () =>
      updateReviewSession(ctx.run().scopes[sitting.reviewer], sitting.sessionId ?? "", { end: true }),
    );
  }
  const steps = ctx.plan.steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const late = steps.find((step) => step.at > now - MINUTE);
  if (late) throw new Error(`History: "${late.what}" would happen at ${iso(late.at)}, after seeding (${iso(now)}): move its task earlier in prisma/demo-data/history.yaml.`);
  return steps;
}

/**
 * Plans and replays the history in the Acme workspace. Runs inside `withDb` (the mutations use
 * the seed's client), after the boards and the agents' current work are seeded.
 */
export async function seedHistory(prisma: PrismaClient, workspace: { id: string; slug: string; name: string }, userIds: Record<UserKey, string>, now: number): Promise<void> {
  const { specThreshold } = await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { specThreshold: true } });
  const agents: Runtime["agents"] = {};
  for (const [key, { name }] of Object.entries(SEED_AGENTS)) {
    const agent = await prisma.agent.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name } }, select: { id: true } });
    // The agent acts through an agent scope of the workspace, as in seed.ts.
    agents[key] = { id: agent.id, scope: scopeForGitHub(workspace, agent.id) };
  }
  const scopes = {} as Record<UserKey, WorkspaceScope>;
  for (const user of ["owner", "member", "admin"] as const) scopes[user] = await scopeForUser(workspace.slug, userIds[user]);
  const existing = new Map<string, Existing>();
  for (const key of EXISTING_SESSION_TASKS) {
    const [board, number] = key.split("-");
    const row = await prisma.task.findFirst({
      where: { workspaceId: workspace.id, board: { key: board }, number: Number(number) },
      select: { lane: true, status: true, createdAt: true, updatedAt: true },
    });
    if (!row) throw new Error(`History, session on "${key}": no such Acme task.`);
    existing.set(key, { key, ...row });
  }
  const runtime: Runtime = { scopes, userIds, agents, prisma };
  const steps = planHistory(now, specThreshold, existing, () => runtime);
  await runPlan(steps);

  // Everything in the history is finished: no card left open on a board, no session running.
  const titles = [...HISTORY.delegated, ...HISTORY.leverage].map((t) => t.title);
  const open = await prisma.task.findMany({ where: { workspaceId: workspace.id, title: { in: titles }, status: { not: "done" } }, select: { title: true, lane: true, status: true } });
  if (open.length > 0) throw new Error(`History: ${open.map((t) => `"${t.title}" ended ${t.lane} · ${t.status}`).join("; ")}; every history task ends Done.`);
  const running = await prisma.leverageSession.count({ where: { workspaceId: workspace.id, state: { not: "finished" } } });
  const sitting = await prisma.reviewSession.count({ where: { workspaceId: workspace.id, endedAt: null } });
  if (running > 0 || sitting > 0) throw new Error(`History: ${running} leverage and ${sitting} review sessions were left open.`);
}
