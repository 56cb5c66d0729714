import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";
import { TRIAGE_QUESTIONS, type TriageQuestionId } from "./triage";

// Shared by forms, route handlers and (later) the public API.
export const LANES = ["untriaged", "delegate", "leverage"] as const;
export const STATUSES = ["backlog", "ready", "in_progress", "in_review", "done"] as const;
export type Lane = (typeof LANES)[number];
export type Status = (typeof STATUSES)[number];

export const LANE_LABEL: Record<Lane, string> = { untriaged: "Untriaged", delegate: "Delegate", leverage: "Leverage" };
export const STATUS_LABEL: Record<Status, string> = {
  backlog: "Backlog",
  ready: "Ready",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
};

export const TASK_KEY_PATTERN = /^([A-Z][A-Z0-9]{1,9})-([1-9]\d{0,8})$/;

export function parseTaskKey(key: string): { boardKey: string; number: number } | null {
  const match = TASK_KEY_PATTERN.exec(key.toUpperCase());
  return match ? { boardKey: match[1] as string, number: Number(match[2]) } : null;
}

const title = z.string({ error: "Enter a title." }).trim().min(1, "Enter a title.").max(200, "Use at most 200 characters.");
const description = z.string().max(20_000, "Use at most 20,000 characters.");
const label = z
  .string()
  .trim()
  .min(1, "Labels cannot be empty.")
  .max(32, "A label has at most 32 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, "Use letters, digits, spaces and . _ / - in labels.");
const labels = z
  .array(label)
  .max(50, "Use at most 10 labels.")
  .transform((list) => [...new Set(list.map((l) => l.toLowerCase()))])
  .refine((list) => list.length <= 10, "Use at most 10 labels.");
const lane = z.enum(LANES, { error: "Choose a lane: untriaged, delegate or leverage." });
const status = z.enum(STATUSES, { error: "Choose a status: backlog, ready, in_progress, in_review or done." });
const ownerId = z.string().min(1).max(64).nullable();
/** A recorded reason for going against the triage or the readiness gate. */
const reason = z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500, "Use at most 500 characters.");
const reasons = { overDelegationReason: reason.optional(), gateOverrideReason: reason.optional() };
export type Reasons = { overDelegationReason?: string; gateOverrideReason?: string };

export const createTaskSchema = z.strictObject({
  boardKey: z.string().min(1).max(10),
  title,
  description: description.default(""),
  lane: lane.default("untriaged"),
  status: status.default("backlog"),
  ownerId: ownerId.default(null),
  labels: labels.default([]),
  ...reasons,
});
export type CreateTaskInput = z.input<typeof createTaskSchema>;

export const updateTaskSchema = z
  .object({
    version: z
      .number({ error: (issue) => (issue.input === undefined ? "version is required." : "version is the task's version, a whole number from 1.") })
      .int()
      .min(1)
      .max(INT4_MAX),
    title: title.optional(),
    description: description.optional(),
    lane: lane.optional(),
    status: status.optional(),
    ownerId: ownerId.optional(),
    labels: labels.optional(),
    ...reasons,
  })
  .strict();
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;

export const moveTaskSchema = z
  .object({
    lane,
    status,
    /** The id of the card the moved card should follow in its new cell; null for the top. */
    afterId: z.string().min(1).max(64).nullable(),
    ...reasons,
  })
  .strict();

const answer = z.boolean({ error: "Answers are yes (true) or no (false)." }).optional();

export const triageSchema = z
  .object({
    // One optional yes/no per question; any other key (`__proto__` included, which a record would
    // drop without a word) is refused by name.
    answers: z.strictObject(Object.fromEntries(TRIAGE_QUESTIONS.map((q) => [q.id, answer])) as Record<TriageQuestionId, typeof answer>, {
      error: "Answer the triage questions as an object of yes (true) or no (false).",
    }),
  })
  .strict();
export type MoveTaskInput = z.input<typeof moveTaskSchema>;

export const boardFilterSchema = z.object({
  q: z.string().max(200).optional(),
  owner: z.string().max(64).optional(),
  label: z.string().max(32).optional(),
});
export type BoardFilter = z.infer<typeof boardFilterSchema>;
