// POST /api/v1/session-hooks — Claude Code's hooks (SessionStart, UserPromptSubmit, Stop,
// SessionEnd) report a leverage session's AI side, authenticated by the session's own token
// (Authorization: Bearer bls_…). The payload is the hook's JSON as Claude Code sends it; the answer
// is an empty JSON object, which Claude Code reads as "carry on".
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { json, publicRoute, readJson } from "@/lib/http/route";
import { HOOK_BODY_LIMIT } from "@/lib/session/ai";
import { scopeForSessionToken } from "@/lib/session/gate";
import { recordAiEvent } from "@/lib/session/mutations";

export const POST = publicRoute(async (request) => {
  const { scope, sessionId } = await scopeForSessionToken(request.headers.get("authorization"));
  // The same per-token budget as agents' API tokens (a prompt is a request; a person types slower).
  await consumeRateLimit(`session:${sessionId}`);
  await recordAiEvent(scope, sessionId, await readJson(request, HOOK_BODY_LIMIT));
  return json({});
});
