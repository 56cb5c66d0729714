// DELETE /api/w/:workspace/members/:userId — removes someone from the workspace (admins; owners for owners).
import { json, workspaceRoute } from "@/lib/http/route";
import { removeMember } from "@/lib/workspace/mutations";

export const DELETE = workspaceRoute<{ workspace: string; userId: string }>("member.manage", async (_request, { params, scope }) =>
  json({ removed: await removeMember(scope, params.userId) }),
);
