// POST /api/w/:workspace/tasks/:key/spec/revisions/:number/restore — make an old revision the newest.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { restoreRevision } from "@/lib/spec/mutations";
import { parseRevisionNumber } from "@/lib/spec/schema";

export const POST = workspaceRoute<{ workspace: string; key: string; number: string }>("task.write", async (request, { scope, params }) =>
  json({ spec: await restoreRevision(scope, params.key, parseRevisionNumber(params.number), await readJson(request)) }),
);
