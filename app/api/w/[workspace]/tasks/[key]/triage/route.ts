// PUT /api/w/:workspace/tasks/:key/triage — store the ten triage answers; the card shows the recommendation.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { setTriage } from "@/lib/task/mutations";

export const PUT = workspaceRoute<{ workspace: string; key: string }>("task.write", async (request, { scope, params }) =>
  json({ task: await setTriage(scope, params.key, await readJson(request)) }),
);
