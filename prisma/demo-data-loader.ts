// The demo data that prisma/seed.ts writes, read from the YAML files in ./demo-data/ (one per
// board, the agents and their work, and eight weeks of finished work in history.yaml) and checked
// against the schemas below, so that a typo stops the seed with the file, line and field it is in.
// The files' header comments describe the fields; the checks that need the database (the lane a
// triage recommends, the attempts a task's status allows, spec scores) stay in seed.ts and
// seed-history.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { z } from "zod";
import { AgentKind, ChecksStatus, Lane, SubmissionSource, TaskStatus } from "../lib/core/generated/prisma/enums";
import { LOOP_LIMIT, REJECT_REASONS } from "../lib/review/rules";
import { INTERRUPT_CATEGORIES, MIN_APPROACHES, PHASES, type Phase } from "../lib/session/rules";
import { BUILT_IN_TEMPLATES } from "../lib/spec/templates";
import { recommendLane, TRIAGE_QUESTIONS, type TriageAnswers, type TriageQuestionId } from "../lib/task/triage";
import { DEMO_USERS, type DemoUserKey } from "./demo";

const DATA_DIR = path.join(import.meta.dirname, "demo-data");

/** A complete triage: the given questions answered yes, the other questions of the ten no. */
export function triaged(...yes: TriageQuestionId[]): Record<TriageQuestionId, boolean> {
  const answers = {} as Record<TriageQuestionId, boolean>;
  for (const question of TRIAGE_QUESTIONS) answers[question.id] = yes.includes(question.id);
  return answers;
}

// ---------------------------------------------------------------------------------------------
// Schemas.
// ---------------------------------------------------------------------------------------------

const triageQuestion = z.enum(TRIAGE_QUESTIONS.map((question) => question.id) as [TriageQuestionId, ...TriageQuestionId[]]);
const demoUser = z.enum(Object.keys(DEMO_USERS) as [DemoUserKey, ...DemoUserKey[]]);
/** Text that says something (kept exactly as written: no trimming). */
const text = z.string().refine((value) => value.trim() !== "", "must not be empty");

/**
 * Triage answers: the questions answered yes, e.g. [diagnosis, explore], for a complete triage
 * (every other question no); or a map of the questions answered so far, for a partial one.
 */
const triageSchema = z.union(
  [
    z
      .array(triageQuestion)
      .refine((yes) => new Set(yes).size === yes.length, "names a question twice")
      .transform((yes): TriageAnswers => triaged(...yes)),
    z.partialRecord(triageQuestion, z.boolean()),
  ],
  { error: "must list the questions answered yes, e.g. [diagnosis, explore], or map questions to true/false" },
);

const taskSchema = z.strictObject({
  title: text,
  lane: z.enum(Lane),
  status: z.enum(TaskStatus),
  labels: z.array(text).optional(),
  /** Assignee; unassigned when omitted. */
  owner: demoUser.optional(),
  createdBy: demoUser,
  /** Days before now the task was created (keep decreasing down the list). */
  createdDaysAgo: z.number().nonnegative(),
  /** Days before now the task was last changed; defaults to createdDaysAgo. */
  updatedDaysAgo: z.number().nonnegative().optional(),
  /** Markdown. */
  description: z.string(),
  /**
   * Triage answers (lib/task/triage.ts). Default: all five delegate questions yes for a delegate
   * task, none (untriaged) otherwise. Leverage tasks name the leverage conditions that hold.
   */
  triage: triageSchema.optional(),
  /** Delegated although the triage does not recommend it: the reason recorded with the decision. */
  overDelegated: text.optional(),
  /**
   * Spec revisions, oldest first; the last one is the current spec. Scores come from lintSpec at
   * seed time. Authors alternate, starting with `createdBy`.
   */
  spec: z.array(text).optional(),
});

const commentSchema = z.union([
  z.strictObject({ path: z.string().min(1), side: z.enum(["old", "new"]), line: z.number().int().positive(), endLine: z.number().int().positive().optional(), body: text }),
  z.strictObject({ criterion: text, body: text }),
]);

const reviewSchema = z.strictObject({
  verdict: z.enum(["request_changes", "accept"]),
  /** Hours between the submission and this review. */
  afterHours: z.number().positive(),
  /** Markdown: the summary of the verdict. The reviewer is the task's owner. */
  feedback: text,
  /** Inline comments published with the verdict: on a diff line (path, side, line) or a success criterion. */
  comments: z.array(commentSchema).optional(),
});

const attemptSchema = z.strictObject({
  /** A file in prisma/demo-diffs/, read at seed time. */
  diff: z.string().regex(/^[\w.-]+\.diff$/, 'must name a file in prisma/demo-diffs/, e.g. "card-payload.diff"'),
  summary: text,
  checks: z.enum(ChecksStatus),
  /** An excerpt of the CI log (for failed checks). */
  checksLog: text.optional(),
  /** Wall-clock time the agent worked on this attempt. */
  minutes: z.number().positive(),
  costCents: z.number().int().nonnegative(),
  /** Every attempt but the last carries a "request changes"; the last one of a Done task an "accept". */
  review: reviewSchema.optional(),
});

const agentWorkSchema = z.strictObject({
  /** An Acme delegate task with a spec above the readiness threshold, e.g. "WEB-13". */
  task: z.string().regex(/^[A-Z]+-\d+$/, 'must be a task key such as "WEB-13"'),
  /** A key of `agents`. */
  agent: z.string(),
  /** How the attempts arrive (all attempts of a task come the same way). */
  source: z.enum(SubmissionSource).optional(),
  branch: text.optional(),
  /** Pull request number in acme/web or acme/api; every attempt updates the same pull request. */
  pr: z.number().int().positive().optional(),
  /** Oldest first. Ready and In progress tasks have none; In review and Done tasks at least one. */
  attempts: z.array(attemptSchema).optional(),
});

const agentsFileSchema = z
  .strictObject({
    agents: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "must be a word such as claudeCode"), z.strictObject({ name: text, kind: z.enum(AgentKind) })),
    work: z.array(agentWorkSchema),
  })
  .superRefine((file, ctx) => {
    const keys = Object.keys(file.agents);
    for (const [i, work] of file.work.entries()) {
      if (!keys.includes(work.agent)) ctx.addIssue({ code: "custom", path: ["work", i, "agent"], message: `names no agent; the agents are ${keys.join(", ")}` });
    }
  });

// ---------------------------------------------------------------------------------------------
// History (history.yaml): eight weeks of finished work beside the boards' current tasks.
// ---------------------------------------------------------------------------------------------

/** How far back the history goes, in days: inside the dashboard's default range of eight weeks. */
export const HISTORY_DAYS = 55;
/** Room per attempt (days) between a delegation and seeding: a weekend can hold a review up. */
const DAYS_PER_ATTEMPT = 3;

const ACME_BOARDS = ["WEB", "API"] as const;
/** The Acme users who write: they delegate, review and work in sessions. */
const acmeEditor = z.enum(["owner", "member", "admin"]);
const historyDay = z.number().positive().max(HISTORY_DAYS, `must be at most ${HISTORY_DAYS} (the dashboard shows eight weeks by default)`);
const templateId = z.enum(BUILT_IN_TEMPLATES.map((t) => t.id) as [string, ...string[]], { error: `must be a built-in template: ${BUILT_IN_TEMPLATES.map((t) => t.id).join(", ")}` });
const phase = z.enum(PHASES);

const historyAttemptSchema = z
  .strictObject({
    /** Wall-clock time the agent worked on it. */
    minutes: z.number().int().positive(),
    /** What it cost, in cents. */
    cents: z.number().int().nonnegative(),
    /** Default passed. */
    checks: z.enum(ChecksStatus).optional(),
    /** The agent's summary; a default is written from the task and the last review. */
    summary: text.optional(),
    /** The verdict on this attempt, exactly one of: */
    changes: text.optional(),
    accept: z.string().optional(),
    reject: z.enum(REJECT_REASONS, { error: `must be a reason: ${REJECT_REASONS.join(", ")}` }).optional(),
    /** The reviewer's note with a rejection. */
    note: text.optional(),
  })
  .superRefine((a, ctx) => {
    const given = (["changes", "accept", "reject"] as const).filter((key) => a[key] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: "custom", message: "needs exactly one verdict: changes (the summary sent back), accept (a note, may be empty) or reject (a reason, with a note)" });
    if (a.reject !== undefined && a.note === undefined) ctx.addIssue({ code: "custom", path: ["note"], message: "a rejection needs a note saying why" });
    if (a.reject === undefined && a.note !== undefined) ctx.addIssue({ code: "custom", path: ["note"], message: "only a rejection takes a note" });
  })
  .transform(({ changes, accept, reject, note, ...attempt }) => ({
    ...attempt,
    checks: attempt.checks ?? ("passed" as const),
    verdict:
      changes !== undefined
        ? ({ verdict: "request_changes", summary: changes } as const)
        : reject !== undefined
          ? ({ verdict: "reject", reason: reject, note: note ?? "" } as const)
          : ({ verdict: "accept", summary: accept ?? "" } as const),
  }));

const delegatedSchema = z.strictObject({
  title: text,
  board: z.enum(ACME_BOARDS),
  labels: z.array(text).optional(),
  /** A key of agents.yaml's agents. */
  agent: z.string(),
  /** Delegates the task, owns it and reviews its attempts; a rejection hands it back to them. */
  owner: acmeEditor,
  createdBy: acmeEditor.optional(),
  /** Who wrote the spec; the owner when omitted. */
  specBy: acmeEditor.optional(),
  /** Days before seeding it was delegated (a weekend moves back to the Friday before). */
  day: historyDay,
  template: templateId.optional(),
  triage: triageSchema.optional(),
  overDelegated: text.optional(),
  gateOverride: text.optional(),
  description: z.string().optional(),
  /** An earlier revision of the spec. */
  draft: text.optional(),
  spec: text,
  attempts: z.array(historyAttemptSchema).min(1, "needs at least one attempt"),
  /** A rejected task without a session: days after the rejection when its person marked it Done. */
  doneAfter: z.number().positive().optional(),
});

const leverageTaskSchema = z.strictObject({
  title: text,
  board: z.enum(ACME_BOARDS),
  labels: z.array(text).optional(),
  createdBy: acmeEditor,
  owner: acmeEditor.optional(),
  /** The leverage conditions that hold, e.g. [diagnosis, explore]. */
  triage: triageSchema,
  description: z.string(),
});

const sessionSchema = z.strictObject({
  /** A leverage task of this file, a rejected delegated task of this file, or an existing done Leverage task of Acme (e.g. WEB-2), by title or key. */
  task: text,
  by: acmeEditor,
  /** Days before seeding it started: for leverage tasks of this file and existing tasks. */
  day: historyDay.optional(),
  /** Days after the rejection it started: for rejected delegated tasks. */
  afterRejection: z.number().nonnegative().optional(),
  /** Minutes per phase, in order from discovery. */
  phases: z.partialRecord(phase, z.number().int().positive()),
  pause: z.strictObject({ phase, after: z.number().int().positive(), minutes: z.number().int().positive() }).optional(),
  approaches: z.array(z.strictObject({ name: text, pros: z.string().default(""), cons: z.string().default(""), chosen: z.boolean().default(false) })).default([]),
  interrupts: z.array(z.strictObject({ phase, category: z.enum(INTERRUPT_CATEGORIES), note: text })).default([]),
  notes: z.array(z.strictObject({ body: text, phase: phase.optional(), done: z.boolean() })).default([]),
  /** The coding assistant linked to the session: the prompts it was given, each followed by a finished turn. */
  ai: z.strictObject({ prompts: z.array(text).min(1) }).optional(),
  outcome: text,
});

const EXISTING_KEY = /^(WEB|API)-\d+$/;

/** The checks that need no database: lanes and triage, loops, timing, sessions' phases and tasks. */
function checkHistory(file: { delegated: z.output<typeof delegatedSchema>[]; leverage: z.output<typeof leverageTaskSchema>[]; sessions: z.output<typeof sessionSchema>[] }, ctx: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const agents = Object.keys(agentsFile.agents);

  // Titles: unique, and none inside another (the end-to-end tests find cards by a part of their title).
  const titles = [
    ...[...WEB_TASKS, ...API_TASKS].map((t) => ({ title: t.title, path: null })),
    ...file.delegated.map((t, i) => ({ title: t.title, path: ["delegated", i, "title"] })),
    ...file.leverage.map((t, i) => ({ title: t.title, path: ["leverage", i, "title"] })),
  ];
  for (const [i, a] of titles.entries()) {
    if (!a.path) continue;
    const mine = a.title.toLowerCase();
    const clash = titles.find((b, j) => j !== i && (b.title.toLowerCase().includes(mine) || mine.includes(b.title.toLowerCase())));
    if (clash) issue(a.path, `clashes with the title "${clash.title}": titles must be unique and not contain one another`);
  }

  const sessionsOn = new Map<string, number>();
  for (const s of file.sessions) sessionsOn.set(s.task, (sessionsOn.get(s.task) ?? 0) + 1);

  for (const [i, task] of file.delegated.entries()) {
    const at = (...rest: PropertyKey[]) => ["delegated", i, ...rest];
    if (!agents.includes(task.agent)) issue(at("agent"), `names no agent; the agents are ${agents.join(", ")}`);
    const recommendation = recommendLane(task.triage ?? null);
    if (task.triage && recommendation !== "delegate" && !task.overDelegated) issue(at("triage"), `recommends ${recommendation}: give overDelegated (the reason it was delegated anyway), or fix the triage`);
    if (task.overDelegated && (!task.triage || recommendation === "delegate")) issue(at("overDelegated"), "the triage recommends delegating it: there is nothing to overrule");
    const loops = task.attempts.filter((a) => a.verdict.verdict === "request_changes").length;
    for (const [k, attempt] of task.attempts.entries()) {
      const last = k === task.attempts.length - 1;
      if (!last && attempt.verdict.verdict !== "request_changes") issue(at("attempts", k), "every attempt but the last is sent back (changes)");
      if (last && attempt.verdict.verdict === "request_changes") issue(at("attempts", k), "the last attempt is accepted or rejected: the history is finished work");
    }
    if (loops > LOOP_LIMIT.default) issue(at("attempts"), `${loops} rounds of changes: the loop limit is ${LOOP_LIMIT.default}`);
    const rejected = task.attempts.at(-1)?.verdict.verdict === "reject";
    const sessions = sessionsOn.get(task.title) ?? 0;
    if (!rejected && task.doneAfter !== undefined) issue(at("doneAfter"), "only a rejected task is finished by hand");
    if (rejected && (task.doneAfter === undefined) === (sessions === 0)) issue(at("doneAfter"), "a rejected task is finished either by hand (doneAfter) or in a session on it, one of the two");
    const session = file.sessions.find((s) => s.task === task.title);
    const needed = 1 + DAYS_PER_ATTEMPT * task.attempts.length + (task.doneAfter ?? 0) + (session ? (session.afterRejection ?? 0) + DAYS_PER_ATTEMPT : 0);
    if (task.day < needed) issue(at("day"), `leaves too little time to finish before seeding: at least ${needed} days ago`);
  }

  for (const [i, task] of file.leverage.entries()) {
    if (recommendLane(task.triage) !== "leverage") issue(["leverage", i, "triage"], "must name the leverage conditions that hold, e.g. [diagnosis, explore]");
    if ((sessionsOn.get(task.title) ?? 0) !== 1) issue(["leverage", i, "title"], "needs exactly one session on it");
  }

  for (const [i, s] of file.sessions.entries()) {
    const at = (...rest: PropertyKey[]) => ["sessions", i, ...rest];
    const delegated = file.delegated.find((t) => t.title === s.task);
    const leverage = file.leverage.some((t) => t.title === s.task);
    if (delegated) {
      if (delegated.attempts.at(-1)?.verdict.verdict !== "reject") issue(at("task"), "a delegated task has a session only after its rejection");
      if (s.afterRejection === undefined || s.day !== undefined) issue(at("afterRejection"), "a session on a rejected task says when it started with afterRejection (not day)");
    } else if (leverage || EXISTING_KEY.test(s.task)) {
      if (s.day === undefined || s.afterRejection !== undefined) issue(at("day"), "a session on a leverage task says when it started with day (not afterRejection)");
      else if (s.day < 2) issue(at("day"), "leaves too little time to finish before seeding: at least 2 days ago");
    } else issue(at("task"), "names no leverage or rejected task of this file, and no existing task key such as WEB-2");
    if ((sessionsOn.get(s.task) ?? 0) > 1) issue(at("task"), "has another session in this file");

    const phases = Object.keys(s.phases) as Phase[];
    const order = phases.map((p) => PHASES.indexOf(p));
    if (phases[0] !== "discovery" || order.some((n, k) => k > 0 && n <= (order[k - 1] as number))) issue(at("phases"), `must run in order from discovery: ${PHASES.join(", ")}`);
    const chosen = s.approaches.filter((a) => a.chosen).length;
    if (chosen > 1) issue(at("approaches"), "one approach is chosen, not several");
    if (order.some((n) => n > PHASES.indexOf("design")) && (s.approaches.length < MIN_APPROACHES || chosen !== 1)) {
      issue(at("approaches"), `leaving Design takes at least ${MIN_APPROACHES} approaches, one of them chosen`);
    }
    if (s.approaches.length > 0 && !phases.includes("design")) issue(at("approaches"), "approaches are weighed in the design phase, which this session does not have");
    for (const [k, interrupt] of s.interrupts.entries()) if (!phases.includes(interrupt.phase)) issue(at("interrupts", k, "phase"), "is not a phase of this session");
    for (const [k, note] of s.notes.entries()) if (note.phase && !phases.includes(note.phase)) issue(at("notes", k, "phase"), "is not a phase of this session");
    if (s.pause && !phases.includes(s.pause.phase)) issue(at("pause", "phase"), "is not a phase of this session");
    if (s.pause && s.pause.after >= (s.phases[s.pause.phase] ?? 0)) issue(at("pause", "after"), "must fall inside the phase");
  }
}

const historyFileSchema = z
  .strictObject({
    delegated: z.array(delegatedSchema),
    leverage: z.array(leverageTaskSchema),
    sessions: z.array(sessionSchema),
  })
  .superRefine(checkHistory);

export type SeedTask = z.output<typeof taskSchema>;
export type SeedAgentWork = z.output<typeof agentWorkSchema>;
export type SeedAttempt = z.output<typeof attemptSchema>;
export type HistoryFile = z.output<typeof historyFileSchema>;
export type HistoryDelegated = HistoryFile["delegated"][number];
export type HistoryAttempt = HistoryDelegated["attempts"][number];
export type HistoryLeverage = HistoryFile["leverage"][number];
export type HistorySession = HistoryFile["sessions"][number];

// ---------------------------------------------------------------------------------------------
// Loading.
// ---------------------------------------------------------------------------------------------

type PathKey = PropertyKey;

/** The YAML node that a path leads to (an unknown key: its key), or the nearest one on the way. */
function nodeAt(doc: Document, at: readonly PathKey[], unknownKey?: string): Node | undefined {
  for (let depth = at.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(at.slice(0, depth), true);
    if (!isNode(node)) continue;
    if (unknownKey !== undefined && depth === at.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
      if (pair && isNode(pair.key)) return pair.key;
    }
    return node;
  }
  return undefined;
}

function valueAt(data: unknown, at: readonly PathKey[]): unknown {
  return at.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);
}

/** Where in the file a path is, in words: the task or the work entry, then the field. */
function describe(data: unknown, at: readonly PathKey[]): string {
  const field = (rest: readonly PathKey[]) => rest.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("");
  const [first, second, ...rest] = at;
  if (Array.isArray(data) && typeof first === "number") {
    const title = (data as ({ title?: unknown } | undefined)[])[first]?.title;
    const task = `task ${first + 1}${typeof title === "string" ? ` ("${title}")` : ""}`;
    const inner = at.slice(1);
    return inner.length > 0 ? `${task}, ${field(inner)}` : task;
  }
  // history.yaml: its lists, each entry named by its title (a session by its task).
  const lists: Record<string, [label: string, field: string, prefix: string]> = { delegated: ["delegated task", "title", ""], leverage: ["leverage task", "title", ""], sessions: ["session", "task", "on "] };
  const list = typeof first === "string" ? lists[first] : undefined;
  if (list && typeof second === "number") {
    const [label, nameField, prefix] = list;
    const name = (data as Record<string, (Record<string, unknown> | undefined)[] | undefined>)[first as string]?.[second]?.[nameField];
    const where = `${label} ${second + 1}${typeof name === "string" ? ` (${prefix}"${name}")` : ""}`;
    return rest.length > 0 ? `${where}, ${field(rest)}` : where;
  }
  if (first === "work" && typeof second === "number") {
    const key = (data as { work?: ({ task?: unknown } | undefined)[] }).work?.[second]?.task;
    const work = `work entry ${second + 1}${typeof key === "string" ? ` (${key})` : ""}`;
    return rest.length > 0 ? `${work}, ${field(rest)}` : work;
  }
  return at.length > 0 ? field(at) : "the file";
}

/** One line per problem; a failed union reports the branch that got furthest into the value. */
function flatten(issues: readonly z.core.$ZodIssue[], base: readonly PathKey[] = []): { path: PathKey[]; issue: z.core.$ZodIssue }[] {
  return issues.flatMap((issue) => {
    const at = [...base, ...issue.path];
    if (issue.code === "invalid_union") {
      const deeper = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0));
      if (deeper) return flatten(deeper, at);
    }
    return [{ path: at, issue }];
  });
}

function load<Schema extends z.ZodType>(file: string, schema: Schema): z.output<Schema> {
  const name = `prisma/demo-data/${file}`;
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path.join(DATA_DIR, file), "utf8"), { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`${name} is not valid YAML:\n${doc.errors.map((error) => `  ${error.message}`).join("\n")}`);
  const data: unknown = doc.toJS();
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = flatten(result.error.issues).map(({ path: at, issue }) => {
    const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const offset = nodeAt(doc, at, unknownKey)?.range?.[0];
    const line = offset === undefined ? "" : `:${lineCounter.linePos(offset).line}`;
    const missing = (issue.code === "invalid_type" || issue.code === "invalid_value") && valueAt(data, at) === undefined;
    return `  ${name}${line}: ${describe(data, at)}: ${missing ? "missing (required)" : issue.message}`;
  });
  throw new Error(`Invalid demo data in ${name}:\n${problems.join("\n")}`);
}

/** Tasks of each board, in creation order: the Nth entry becomes KEY-N. */
/** When a listed task was created and last changed, seeded at `now` (ms). */
export function taskLife(task: SeedTask, now: number): { createdAt: number; updatedAt: number } {
  const DAY_MS = 24 * 60 * 60 * 1000;
  return { createdAt: now - task.createdDaysAgo * DAY_MS, updatedAt: now - Math.min(task.updatedDaysAgo ?? task.createdDaysAgo, task.createdDaysAgo) * DAY_MS };
}

export const WEB_TASKS: readonly SeedTask[] = load("web.yaml", z.array(taskSchema));
export const API_TASKS: readonly SeedTask[] = load("api.yaml", z.array(taskSchema));
export const PLATFORM_TASKS: readonly SeedTask[] = load("platform.yaml", z.array(taskSchema));

const agentsFile = load("agents.yaml", agentsFileSchema);
/** The Acme agents by key, in creation order. */
export const SEED_AGENTS: Readonly<Record<string, { name: string; kind: AgentKind }>> = agentsFile.agents;
export const AGENT_WORK: readonly SeedAgentWork[] = agentsFile.work;

/** Eight weeks of finished work in Acme (prisma/seed-history.ts). */
export const HISTORY: HistoryFile = load("history.yaml", historyFileSchema);
