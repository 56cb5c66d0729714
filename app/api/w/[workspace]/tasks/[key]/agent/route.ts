// PUT /api/w/:workspace/tasks/:key/agent — assign a delegate task to an agent ({ agentId } or null).
import { assignAgent } from "@/lib/agent/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const PUT = workspaceRoute<{ workspace: string; key: string }>("task.write", async (request, { scope, params }) =>
  json({ task: await assignAgent(scope, params.key, await readJson(request)) }),
);
