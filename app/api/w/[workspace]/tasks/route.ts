// POST /api/w/:workspace/tasks — create a task on a board (members and above).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { createTask } from "@/lib/task/mutations";

export const POST = workspaceRoute("task.write", async (request, { scope }) =>
  json({ task: await createTask(scope, await readJson(request)) }, 201),
);
