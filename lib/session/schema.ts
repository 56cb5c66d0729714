import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";
import { INTERRUPT_CATEGORIES, PHASES } from "./rules";

// Input for leverage sessions. Bodies are strict: an unknown field is a 400 naming it.

const text = (max: number) => z.string().trim().max(max, `Use at most ${max.toLocaleString("en")} characters.`);
const required = (max: number, what: string) => text(max).min(1, what);

export const OUTCOME_MAX = 5_000;
export const ITEM_MAX = 2_000;
export const NAME_MAX = 120;

const phase = z.enum(PHASES, { error: "Choose a phase: discovery, design, implementation or refinement." });
/** What to do with the session the person is already in, when starting or resuming another. */
const previous = z.enum(["pause", "finish"], { error: "Say what to do with your active session: pause or finish." });
const outcome = required(OUTCOME_MAX, "Write what came of the session: what was decided, built or learned.");

export const startSessionSchema = z.strictObject({
  taskKey: z.string({ error: "Name the task, e.g. WEB-12." }).trim().min(1, "Name the task, e.g. WEB-12.").max(40, "A task key is at most 40 characters."),
  previous: previous.optional(),
  /** The outcome of the active session, when `previous` is finish. */
  previousOutcome: outcome.optional(),
});

export const updateSessionSchema = z
  .strictObject({
    version: z.int({ error: "Send the session's version as an integer." }).min(1).max(INT4_MAX),
    phase: phase.optional(),
    state: z.enum(["active", "paused", "finished"], { error: "Choose a state: active, paused or finished." }).optional(),
    outcome: outcome.optional(),
    /** Finishing with review notes not ticked off has to be meant. */
    leaveOpenNotes: z.boolean({ error: "Send leaveOpenNotes as true or false." }).optional(),
    previous: previous.optional(),
    previousOutcome: outcome.optional(),
  })
  .refine((input) => input.phase !== undefined || input.state !== undefined, { error: "Send a phase or a state to change.", path: ["state"] })
  .refine((input) => input.state !== "finished" || input.outcome !== undefined, { error: "Write what came of the session: what was decided, built or learned.", path: ["outcome"] });

export const approachSchema = z.strictObject({
  name: required(NAME_MAX, "Name the approach."),
  pros: text(ITEM_MAX).default(""),
  cons: text(ITEM_MAX).default(""),
});

export const updateApproachSchema = z
  .strictObject({
    name: required(NAME_MAX, "Name the approach.").optional(),
    pros: text(ITEM_MAX).optional(),
    cons: text(ITEM_MAX).optional(),
    chosen: z.boolean({ error: "Send chosen as true or false." }).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { error: "Send a field to change: name, pros, cons or chosen.", path: ["name"] });

export const interruptSchema = z.strictObject({
  category: z.enum(INTERRUPT_CATEGORIES, { error: "Choose a category: wrong_pattern, wrong_assumption, missing_edge_case, performance or security." }),
  note: text(ITEM_MAX).default(""),
});

export const noteSchema = z.strictObject({ body: required(ITEM_MAX, "Write the note.") });

export const updateNoteSchema = z.strictObject({ done: z.boolean({ error: "Send done as true or false." }) });
