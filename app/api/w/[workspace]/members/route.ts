// GET /api/w/:workspace/members — who is in the workspace, with their roles (anyone in it).
import { json, workspaceRoute } from "@/lib/http/route";
import { listMembers } from "@/lib/workspace/data";

export const GET = workspaceRoute("member.read", async (_request, { scope }) =>
  json({ members: (await listMembers(scope)).map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })) }),
);
