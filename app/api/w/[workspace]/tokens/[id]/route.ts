// DELETE /api/w/:workspace/tokens/:id — revoke an API token (refused on its next request).
import { revokeToken } from "@/lib/agent/mutations";
import { json, workspaceRoute } from "@/lib/http/route";

export const DELETE = workspaceRoute<{ workspace: string; id: string }>("agent.manage", async (_request, { scope, params }) => {
  await revokeToken(scope, params.id);
  return json({ revoked: true });
});
