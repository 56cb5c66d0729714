import { z } from "zod";
import { STATUSES } from "@/lib/task/schema";

export const AGENT_KINDS = ["devin", "copilot", "claude_code", "codex", "cursor", "custom"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
export const AGENT_KIND_LABEL: Record<AgentKind, string> = {
  devin: "Devin",
  copilot: "Copilot",
  claude_code: "Claude Code",
  codex: "Codex",
  cursor: "Cursor",
  custom: "Custom",
};

export const createAgentSchema = z.strictObject({
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(60, "Use at most 60 characters."),
  kind: z.enum(AGENT_KINDS, { error: "Choose a kind: devin, copilot, claude_code, codex, cursor or custom." }),
});

/** A GitHub mention ("@copilot") put at the start of the reviews Baton posts for the agent, or null for none. */
export const agentMentionSchema = z.strictObject({
  mention: z
    .string({ error: "Enter a GitHub mention such as @copilot, or null." })
    .trim()
    .regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "Enter a GitHub mention such as @copilot: @ and a user or app name.")
    .nullable(),
});

export const assignAgentSchema = z.object({ agentId: z.string().min(1).max(64).nullable() }).strict();

/**
 * What a token may do: "read" (its tasks, specs and feedback), "read_write" (also claim and
 * submit), or "read_metrics" (read, and the team dashboard's figures through GET /api/v1/metrics:
 * for reporting scripts).
 */
export const TOKEN_ACCESS = ["read", "read_write", "read_metrics"] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];
export const createTokenSchema = z
  .object({ access: z.enum(TOKEN_ACCESS, { error: 'Choose "read", "read_write" or "read_metrics".' }).default("read_write") })
  .strict();
export const tokenScopes = (access: TokenAccess) => ({ read: ["read"], read_write: ["read", "write"], read_metrics: ["read", "metrics:read"] })[access];

export const webhookSecretSchema = z
  .object({ secret: z.string({ error: "Enter a secret." }).min(16, "Use at least 16 characters.").max(200, "Use at most 200 characters.") })
  .strict();

/** Unified diffs above this are refused with 413: a review page cannot show more anyway. */
export const DIFF_LIMIT_BYTES = 1024 * 1024;
/** The whole submission body may be a little larger than its diff. */
export const SUBMISSION_BODY_LIMIT = DIFF_LIMIT_BYTES + 64 * 1024;

export const listTasksQuerySchema = z.object({
  status: z.enum(STATUSES, { error: `status is one of ${STATUSES.join(", ")}.` }).optional(),
});

export const checksSchema = z
  .object({
    status: z.enum(["passed", "failed", "none"]).describe("Result of the CI checks on this attempt."),
    url: z.url({ protocol: /^https?$/, error: "checks.url must be an http(s) URL." }).max(2000).optional().describe("Link to the check run."),
    log: z.string().max(20_000).optional().describe("An excerpt of the log, especially of failures."),
  })
  .strict();

export const submissionSchema = z
  .object({
    summary: z.string({ error: "summary is required." }).trim().min(1, "summary is required.").max(10_000).describe("What was done, in a few sentences."),
    // http(s) only: the link is rendered to reviewers, and javascript: URLs must never be.
    prUrl: z.url({ protocol: /^https?$/, error: "prUrl must be an http(s) URL." }).max(2000).optional().describe("The pull request, if one was opened."),
    branch: z.string().trim().min(1).max(255).optional().describe("The branch holding the change."),
    diff: z.string().optional().describe(`The change as a unified diff (git diff). At most ${DIFF_LIMIT_BYTES} bytes.`),
    checks: checksSchema.optional(),
    durationSeconds: z.number().int().min(0).max(30 * 24 * 3600).optional().describe("Wall-clock time the agent spent."),
    costUsd: z.number().min(0).max(100_000).optional().describe("What the attempt cost, in US dollars."),
  })
  .strict();
export type SubmissionInput = z.infer<typeof submissionSchema>;

/** Idempotency-Key header: any printable ASCII, 1–200 characters. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "Idempotency-Key must be 1–200 printable ASCII characters.");
