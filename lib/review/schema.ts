import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";
import { CHECKLIST_IDS, LOOP_LIMIT, REJECT_REASONS } from "./rules";

const id = z.string().min(1).max(64);
const checklist = z
  .array(z.enum(CHECKLIST_IDS as [string, ...string[]], { error: "Unknown checklist item." }))
  .max(CHECKLIST_IDS.length)
  .transform((items) => [...new Set(items)]);
const text = (max: number) => z.string().trim().max(max, `Use at most ${max.toLocaleString("en")} characters.`);

export const SUMMARY_MAX = 10_000;
export const COMMENT_MAX = 10_000;

/** A verdict on an attempt. Every verdict stores the checklist ticks; Accept needs all five. */
export const verdictSchema = z.discriminatedUnion(
  "verdict",
  [
    z.object({ verdict: z.literal("accept"), checklist: checklist.default([]), summary: text(SUMMARY_MAX).default(""), sessionId: id.optional() }).strict(),
    z
      .object({
        verdict: z.literal("request_changes"),
        summary: text(SUMMARY_MAX).min(1, "Write a summary of what to change: it goes to the agent with your comments."),
        checklist: checklist.default([]),
        sessionId: id.optional(),
      })
      .strict(),
    z
      .object({
        verdict: z.literal("reject"),
        reason: z.enum(REJECT_REASONS, { error: "Choose a reason: unclear_spec, too_complex, agent_error or other." }),
        note: text(SUMMARY_MAX).default(""),
        /** Who handles it now; the task's owner when null. */
        assigneeId: id.nullable().default(null),
        toLeverage: z.boolean().default(true),
        checklist: checklist.default([]),
        sessionId: id.optional(),
      })
      .strict(),
  ],
  { error: "Choose a verdict: accept, request_changes or reject." },
);
export type VerdictInput = z.input<typeof verdictSchema>;

export const bulkAcceptSchema = z
  .object({
    submissionIds: z.array(id).min(1, "Select at least one attempt.").max(50, "Accept at most 50 attempts at once."),
    checklist,
    sessionId: id.optional(),
  })
  .strict();

const line = z.number({ error: "line is a line number." }).int().min(1).max(10_000_000);

export const createCommentSchema = z.discriminatedUnion(
  "target",
  [
    z
      .object({
        target: z.literal("diff"),
        path: z.string().min(1).max(1000),
        side: z.enum(["old", "new"], { error: "side is old or new." }),
        line,
        endLine: line.optional(),
        body: text(COMMENT_MAX).min(1, "Write the comment."),
      })
      .strict()
      .refine((c) => c.endLine === undefined || c.endLine >= c.line, { path: ["endLine"], message: "endLine comes at or after line." }),
    z
      .object({
        target: z.literal("criterion"),
        criterion: text(1000).min(1, "Name the success criterion."),
        body: text(COMMENT_MAX).min(1, "Say why it is not met."),
      })
      .strict(),
  ],
  { error: "target is diff or criterion." },
);

export const updateCommentSchema = z.object({ body: text(COMMENT_MAX).min(1, "Write the comment."), version: z.number().int().min(1).max(INT4_MAX) }).strict();

export const fileViewedSchema = z.object({ path: z.string().min(1).max(1000), viewed: z.boolean() }).strict();

export const sessionUpdateSchema = z
  .object({
    /** The attempt the reviewer has open (others see it), or null. */
    submissionId: id.nullable().optional(),
    end: z.boolean().optional(),
  })
  .strict();

// Filters come from the URL: only what a board key or a row id can be, so that anything else
// (a NUL character, which PostgreSQL refuses) is a 400 here, or an unfiltered page, never a 500.
const filterId = z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, "Not an id.");
export const queueFilterSchema = z.object({
  board: z.string().regex(/^[A-Za-z0-9]{0,10}$/, "Not a board key.").optional(),
  agent: filterId.optional(),
  author: filterId.optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const loopLimitSchema = z
  .number({ error: `Enter a number from ${LOOP_LIMIT.min} to ${LOOP_LIMIT.max}.` })
  .int("Use a whole number.")
  .min(LOOP_LIMIT.min, `Use ${LOOP_LIMIT.min}–${LOOP_LIMIT.max}.`)
  .max(LOOP_LIMIT.max, `Use ${LOOP_LIMIT.min}–${LOOP_LIMIT.max}.`);
