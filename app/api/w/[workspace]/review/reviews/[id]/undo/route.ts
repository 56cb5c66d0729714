// POST /api/w/:workspace/review/reviews/:id/undo — take a verdict back within a minute; the task returns exactly as it was.
import { json, workspaceOrAgentRoute } from "@/lib/http/route";
import { undoVerdict } from "@/lib/review/mutations";

export const POST = workspaceOrAgentRoute<{ workspace: string; id: string }>("review.write", async (_request, { scope, params }) =>
  json(await undoVerdict(scope, params.id)),
);
