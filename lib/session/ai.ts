// The AI side of a leverage session: a coding assistant (Claude Code) reports its session through
// hooks — SessionStart, UserPromptSubmit, Stop, SessionEnd — to POST /api/v1/session-hooks with the
// session's own token. This module holds the token format and the payloads Baton accepts, shared
// by the gate, the mutation and the tests. Claude Code adds fields to its payloads over time, so
// unknown fields are allowed here (unlike Baton's own API, whose bodies are strict).
import { z } from "zod";
import { hashToken, randomBase62 } from "@/lib/agent/token";
import { HOOK_EVENT_NAMES } from "./ai-snippet";

export const SESSION_TOKEN_PATTERN = /^bls_[0-9A-Za-z]{32}$/;

/** `bls_` + 32 base62 characters, made and stored (as a SHA-256) like API tokens. */
export const generateSessionToken = () => `bls_${randomBase62(32)}`;
export const hashSessionToken = hashToken;

/** What Baton keeps of a prompt: enough to recognise it on the timeline. */
export const DETAIL_MAX = 1_000;
/** The body limit of the hook endpoint: a pasted prompt can be long, but not this long. */
export const HOOK_BODY_LIMIT = 512 * 1024;

const common = {
  session_id: z.string({ error: "session_id is missing: send the hook's JSON payload as Claude Code gives it." }).min(1).max(200),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().max(4096).optional(),
  permission_mode: z.string().max(100).optional(),
};


export const hookPayloadSchema = z.discriminatedUnion(
  "hook_event_name",
  [
    z.looseObject({ ...common, hook_event_name: z.literal("SessionStart"), source: z.string().max(100).optional() }),
    z.looseObject({ ...common, hook_event_name: z.literal("UserPromptSubmit"), prompt: z.string({ error: "A UserPromptSubmit payload carries the prompt." }).max(HOOK_BODY_LIMIT) }),
    z.looseObject({ ...common, hook_event_name: z.literal("Stop"), stop_hook_active: z.boolean().optional() }),
    z.looseObject({ ...common, hook_event_name: z.literal("SessionEnd"), reason: z.string().max(100).optional() }),
  ],
  { error: `hook_event_name must be one of ${HOOK_EVENT_NAMES.join(", ")}: the Claude Code hooks a Baton session takes.` },
);
export type HookPayload = z.infer<typeof hookPayloadSchema>;
