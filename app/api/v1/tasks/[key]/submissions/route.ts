// POST /api/v1/tasks/:key/submissions — hand back an attempt (Idempotency-Key honoured); task → In review.
import { createSubmission } from "@/lib/agent/mutations";
import { SUBMISSION_BODY_LIMIT } from "@/lib/agent/schema";
import { agentRoute, json, readJson } from "@/lib/http/route";

export const POST = agentRoute<{ key: string }>(async (request, { scope, params }) => {
  const body = await readJson(request, SUBMISSION_BODY_LIMIT);
  const { submission, created } = await createSubmission(scope, params.key, body, {
    source: "api",
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return json({ submission }, created ? 201 : 200);
});
