// POST /api/w/:workspace/tasks/:key/move — move a card to a cell, after a given card.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { moveTask } from "@/lib/task/mutations";

export const POST = workspaceRoute<{ workspace: string; key: string }>("task.write", async (request, { scope, params }) =>
  json({ task: await moveTask(scope, params.key, await readJson(request)) }),
);
