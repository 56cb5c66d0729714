// GET /api/w/:workspace/tasks/:key/submissions — every attempt on the task, with diffs.
import { listSubmissions } from "@/lib/agent/data";
import { json, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ submissions: await listSubmissions(scope, params.key) }),
);
