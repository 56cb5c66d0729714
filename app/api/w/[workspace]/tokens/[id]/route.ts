// DELETE /api/w/:workspace/tokens/:id — revoke an API token (refused on its next request).
import { revokeToken } from "@/lib/agent/mutations";
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";

export const DELETE = workspaceRoute<{ workspace: string; id: string }>("agent.manage", async (request, { scope, params }) => {
  await readNoBody(request);
  await revokeToken(scope, params.id);
  return json({ revoked: true });
});
