// POST /api/w/:workspace/review/reviews/:id/undo — take a verdict back within a minute; the task returns exactly as it was.
import { json, readNoBody, workspaceOrAgentRoute } from "@/lib/http/route";
import { undoVerdict } from "@/lib/review/mutations";

export const POST = workspaceOrAgentRoute<{ workspace: string; id: string }>("review.write", async (request, { scope, params }) => {
  await readNoBody(request);
  return json(await undoVerdict(scope, params.id));
});
