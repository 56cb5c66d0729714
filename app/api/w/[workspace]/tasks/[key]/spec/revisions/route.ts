// GET /api/w/:workspace/tasks/:key/spec/revisions — every saved version of the spec, newest first.
import { json, workspaceRoute } from "@/lib/http/route";
import { listRevisions } from "@/lib/spec/data";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ revisions: await listRevisions(scope, params.key) }),
);
