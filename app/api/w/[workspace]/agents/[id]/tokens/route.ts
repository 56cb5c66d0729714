// POST /api/w/:workspace/agents/:id/tokens — create an API token for the agent; the token is shown once.
import { createToken } from "@/lib/agent/mutations";
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";

export const POST = workspaceRoute<{ workspace: string; id: string }>("agent.manage", async (request, { scope, params }) => {
  await readNoBody(request);
  return json({ token: await createToken(scope, params.id) }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
