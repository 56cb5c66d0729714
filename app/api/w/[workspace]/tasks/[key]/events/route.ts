// GET /api/w/:workspace/tasks/:key/events — the task's history, newest first.
import { json, workspaceRoute } from "@/lib/http/route";
import { listTaskEvents } from "@/lib/task/data";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ events: await listTaskEvents(scope, params.key) }),
);
