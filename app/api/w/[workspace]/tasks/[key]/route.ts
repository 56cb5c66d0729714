// GET|PATCH|DELETE /api/w/:workspace/tasks/:key — read, edit (with `version`) or delete a task.
import { json, readJson, readNoBody, workspaceRoute } from "@/lib/http/route";
import { getTask } from "@/lib/task/data";
import { deleteTask, updateTask } from "@/lib/task/mutations";

type Params = { workspace: string; key: string };

export const GET = workspaceRoute<Params>("workspace.read", async (_request, { scope, params }) =>
  json({ task: await getTask(scope, params.key) }),
);

export const PATCH = workspaceRoute<Params>("task.write", async (request, { scope, params }) =>
  json({ task: await updateTask(scope, params.key, await readJson(request)) }),
);

export const DELETE = workspaceRoute<Params>("task.write", async (request, { scope, params }) => {
  await readNoBody(request);
  return json({ task: await deleteTask(scope, params.key) });
});
