// POST /api/w/:workspace/tasks/:key/restore — undo a delete.
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { restoreTask } from "@/lib/task/mutations";

export const POST = workspaceRoute<{ workspace: string; key: string }>("task.write", async (request, { scope, params }) => {
  await readNoBody(request);
  return json({ task: await restoreTask(scope, params.key) });
});
