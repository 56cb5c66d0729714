// GET /api/w/:workspace/tasks/:key/spec/revisions/:number — one revision's text.
import { json, workspaceRoute } from "@/lib/http/route";
import { getRevision } from "@/lib/spec/data";
import { parseRevisionNumber } from "@/lib/spec/schema";

export const GET = workspaceRoute<{ workspace: string; key: string; number: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ revision: await getRevision(scope, params.key, parseRevisionNumber(params.number)) }),
);
