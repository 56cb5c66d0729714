// POST /api/w/:workspace/sessions/:id/ai-token — a new token for the coding assistant's hooks,
// shown once (the previous one stops working): 201 { token, session }.
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { createAiToken } from "@/lib/session/mutations";

export const POST = workspaceRoute<{ workspace: string; id: string }>("task.write", async (request, { scope, params }) => {
  await readNoBody(request);
  return json(await createAiToken(scope, params.id), 201);
});
