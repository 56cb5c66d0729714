// POST /api/w/:workspace/tasks/:key/spec/revisions/:number/restore — make an old revision the newest.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { restoreRevision } from "@/lib/spec/mutations";

export const POST = workspaceRoute<{ workspace: string; key: string; number: string }>("task.write", async (request, { scope, params }) =>
  json({ spec: await restoreRevision(scope, params.key, Number(params.number), await readJson(request)) }),
);
