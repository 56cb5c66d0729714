// GET /api/w/:workspace/review/attempts/:id — one attempt for review: diff, spec, previous round, drafts.
import { json, workspaceRoute } from "@/lib/http/route";
import { getAttempt } from "@/lib/review/data";

export const GET = workspaceRoute<{ workspace: string; id: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ attempt: await getAttempt(scope, params.id) }),
);
