// POST /api/w/:workspace/review/attempts/:id/comments — add a draft comment (published with the verdict).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { createComment } from "@/lib/review/mutations";

export const POST = workspaceRoute<{ workspace: string; id: string }>("review.write", async (request, { scope, params }) =>
  json({ comment: await createComment(scope, params.id, await readJson(request)) }, 201),
);
