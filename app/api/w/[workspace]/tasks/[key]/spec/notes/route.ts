// GET /api/w/:workspace/tasks/:key/spec/notes — reviewers' unclear-spec notes that the spec has not answered yet.
import { json, workspaceRoute } from "@/lib/http/route";
import { listSpecNotes } from "@/lib/review/data";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ notes: await listSpecNotes(scope, params.key) }),
);
