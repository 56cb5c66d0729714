// DELETE /api/w/:workspace/members/:userId — removes someone from the workspace (admins; owners for owners).
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { removeMember } from "@/lib/workspace/mutations";

export const DELETE = workspaceRoute<{ workspace: string; userId: string }>("member.manage", async (request, { params, scope }) => {
  await readNoBody(request);
  return json({ removed: await removeMember(scope, params.userId) });
});
