// GET /api/w/:workspace/tasks/:key/agent-record — each agent's record on similar work (same template or a shared label), best first.
import { agentRecords } from "@/lib/agent/data";
import { json, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ record: await agentRecords(scope, params.key) }),
);
