// GET /api/workspaces — the caller's workspaces; POST — create one (the caller becomes owner).
import { json, readJson, userRoute } from "@/lib/http/route";
import { listWorkspacesForUser } from "@/lib/workspace/data";
import { createWorkspace } from "@/lib/workspace/mutations";

export const GET = userRoute(async (_request, { user }) => json({ workspaces: await listWorkspacesForUser(user.id) }));

export const POST = userRoute(async (request, { user }) => json({ workspace: await createWorkspace(user.id, await readJson(request)) }, 201));
