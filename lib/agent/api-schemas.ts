// Zod schemas for the response bodies of the agent API (/api/v1). The routes build their bodies
// from the TypeScript types in types.ts; these schemas exist to describe them in the OpenAPI
// document (openapi.ts). The `SchemasMatchTypes` check at the bottom fails `tsc` as soon as a
// schema and its type drift apart, in either direction.
import { z } from "zod";
import { ERROR_STATUS, type ErrorBody } from "@/lib/core/errors";
import type { LintResult } from "@/lib/spec/lint";
import { RULE_IDS } from "@/lib/spec/rules";
import { STATUSES } from "@/lib/task/schema";
import type { claimTask } from "./mutations";
import { AGENT_KINDS } from "./schema";
import type { AgentTask, AgentTaskSummary, ReviewData, SubmissionData } from "./types";

const timestamp = () => z.string().meta({ format: "date-time" });
const status = z.enum(STATUSES).describe("The task's column on the board.");
const verdict = z.enum(["accept", "request_changes", "reject"]);
const taskKey = z.string().describe("BOARDKEY-NUMBER, e.g. WEB-8.");

// --- Tasks ------------------------------------------------------------------------------------

export const agentTaskSummarySchema = z.object({
  key: taskKey,
  title: z.string(),
  status,
  specScore: z.number().int().min(0).max(100).nullable().describe("The spec's lint score (0–100), or null before the spec was first scored."),
  loopCount: z.number().int().min(0).describe("Review loops used: how many times a reviewer requested changes."),
  updatedAt: timestamp(),
});

export const taskListResponseSchema = z.object({ tasks: z.array(agentTaskSummarySchema) });

export const agentTaskSchema = z.object({
  key: taskKey,
  title: z.string(),
  description: z.string(),
  status,
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  spec: z.object({
    markdown: z.string().describe("The whole spec: the agent's instructions."),
    revision: z.number().int().min(0),
    score: z.number().int().min(0).max(100).describe("Lint score of the current spec, 0–100."),
    sections: z
      .record(z.string(), z.string().nullable())
      .describe("The body of each known section by id (outcome, context, references, requirements, examples, success, boundaries, tests); null when the spec lacks it."),
  }),
  loop: z.object({
    count: z.number().int().min(0).describe("Review loops used: each request_changes adds one."),
    limit: z.number().int().min(0).describe("Review loops the task may use; at the limit a reviewer must accept or reject."),
  }),
  attempts: z.number().int().min(0).describe("Submissions so far."),
  latestReview: z.object({ verdict, feedback: z.string(), createdAt: timestamp() }).nullable(),
  lifecycle: z.object({
    assignedAt: timestamp().nullable(),
    claimedAt: timestamp().nullable(),
    submittedAt: timestamp().nullable(),
    reviewedAt: timestamp().nullable(),
  }),
});

export const taskResponseSchema = z.object({ task: agentTaskSchema });

export const claimResponseSchema = z.object({
  task: z.object({
    key: taskKey,
    status: status.describe("in_progress after a claim."),
    claimedAt: timestamp().describe("When the task was first claimed; a repeated claim returns the same time."),
  }),
});

// --- Submissions and reviews ------------------------------------------------------------------

export const submissionDataSchema = z.object({
  id: z.string(),
  attempt: z.number().int().min(1).describe("1 for the first submission on the task, then 2, 3…"),
  source: z.enum(["api", "mcp", "github"]),
  summary: z.string(),
  prUrl: z.string().nullable(),
  prNumber: z.number().int().nullable(),
  branch: z.string().nullable(),
  diff: z.string().describe("The unified diff, or an empty string when none was sent."),
  diffNote: z.string().nullable(),
  diffFetch: z.enum(["pending", "fetched", "failed"]).nullable().describe("For a pull request: Baton fetching its diff from GitHub (pending), done, or given up; null when the diff was sent."),
  checks: z.object({ status: z.enum(["passed", "failed", "none"]), url: z.string().nullable(), log: z.string().nullable() }),
  durationSeconds: z.number().int().nullable(),
  costUsd: z.number().nullable(),
  merged: z.boolean(),
  agent: z.object({ id: z.string(), name: z.string(), kind: z.enum(AGENT_KINDS) }).nullable(),
  createdAt: timestamp(),
});

export const submissionResponseSchema = z.object({ submission: submissionDataSchema });

export const reviewSchema = z.object({
  id: z.string(),
  attempt: z.number().int().min(1).describe("The attempt (submission) this review is about."),
  verdict,
  feedback: z.string().describe("The reviewer's summary: with request_changes, what to change before submitting again; with reject, the reviewer's note."),
  reason: z
    .enum(["unclear_spec", "too_complex", "agent_error", "other"])
    .nullable()
    .describe("Why a rejected task was taken away from the agent; null for other verdicts."),
  comments: z
    .array(
      z.object({
        target: z.enum(["diff", "criterion"]).describe("diff: a comment on lines of your diff; criterion: a success criterion of the spec that is not met."),
        path: z.string().nullable().describe("The file (diff comments)."),
        side: z.enum(["old", "new"]).nullable().describe("old: the line numbers are those before your change; new: after it."),
        line: z.number().int().nullable(),
        endLine: z.number().int().nullable().describe("The last line of a range; null for one line."),
        criterion: z.string().nullable().describe("The success criterion, as written in the spec (criterion comments)."),
        body: z.string(),
      }),
    )
    .describe("The reviewer's inline comments, published together with the verdict: one complete round of feedback."),
  createdAt: timestamp(),
});

export const reviewListResponseSchema = z.object({ reviews: z.array(reviewSchema) });

// --- Spec lint --------------------------------------------------------------------------------

export const findingSchema = z.object({
  ruleId: z.enum(RULE_IDS),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  fix: z.string(),
  from: z.number().int().min(0).describe("Character offset where the offending text starts (0–0 when something is absent)."),
  to: z.number().int().min(0),
  line: z.number().int().min(1).describe("1-based line of `from`."),
});

export const lintResponseSchema = z.object({
  score: z.number().int().min(0).max(100),
  findings: z.array(findingSchema).describe("Sorted by severity (error, warning, info), then by position."),
});

// --- Errors -----------------------------------------------------------------------------------

const ERROR_CODES = Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]];

export const errorBodySchema = z.object({
  error: z
    .object({
      code: z.enum(ERROR_CODES).describe("invalid 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409, payload_too_large 413, unprocessable 422, rate_limited 429, internal 500, unavailable 503."),
      message: z.string().describe("A sentence for a human (or an agent) to act on."),
      fields: z.record(z.string(), z.array(z.string())).optional().describe("On 400: the messages for each invalid field (dotted path, `_` for the body itself)."),
    })
    .loose(),
});

// --- Drift check (compile time only) -----------------------------------------------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/** Fails `tsc` when a schema above no longer describes what the routes return. */
export type SchemasMatchTypes = [
  Assert<Same<z.infer<typeof agentTaskSummarySchema>, AgentTaskSummary>>,
  Assert<Same<z.infer<typeof agentTaskSchema>, AgentTask>>,
  Assert<Same<z.infer<typeof claimResponseSchema>["task"], Awaited<ReturnType<typeof claimTask>>>>,
  Assert<Same<z.infer<typeof submissionDataSchema>, SubmissionData>>,
  Assert<Same<z.infer<typeof reviewSchema>, ReviewData>>,
  Assert<Same<z.infer<typeof lintResponseSchema>, Pick<LintResult, "score" | "findings">>>,
  Assert<Same<z.infer<typeof errorBodySchema>, ErrorBody>>,
];
