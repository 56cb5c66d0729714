// The demo data that prisma/seed.ts writes, read from the YAML files in ./demo-data/ (one per
// board, plus the agents and their work) and checked against the schemas below, so that a typo
// stops the seed with the file, line and field it is in. The files' header comments describe the
// fields; the checks that need the database (the lane a triage recommends, the attempts a task's
// status allows, spec scores) stay in seed.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { z } from "zod";
import { AgentKind, ChecksStatus, Lane, SubmissionSource, TaskStatus } from "../lib/core/generated/prisma/enums";
import { TRIAGE_QUESTIONS, type TriageAnswers, type TriageQuestionId } from "../lib/task/triage";
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

export type SeedTask = z.output<typeof taskSchema>;
export type SeedAgentWork = z.output<typeof agentWorkSchema>;
export type SeedAttempt = z.output<typeof attemptSchema>;

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
export const WEB_TASKS: readonly SeedTask[] = load("web.yaml", z.array(taskSchema));
export const API_TASKS: readonly SeedTask[] = load("api.yaml", z.array(taskSchema));
export const PLATFORM_TASKS: readonly SeedTask[] = load("platform.yaml", z.array(taskSchema));

const agentsFile = load("agents.yaml", agentsFileSchema);
/** The Acme agents by key, in creation order. */
export const SEED_AGENTS: Readonly<Record<string, { name: string; kind: AgentKind }>> = agentsFile.agents;
export const AGENT_WORK: readonly SeedAgentWork[] = agentsFile.work;
