// POST /api/w/:workspace/agents/:id/tokens — create an API token for the agent ({ access: "read" |
// "read_write" }, read-write by default); the token is shown once.
import { createToken } from "@/lib/agent/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const POST = workspaceRoute<{ workspace: string; id: string }>("agent.manage", async (request, { scope, params }) =>
  json({ token: await createToken(scope, params.id, await readJson(request)) }, { status: 201, headers: { "Cache-Control": "no-store" } }),
);
