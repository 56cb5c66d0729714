// PATCH /api/w/:workspace/review/comments/:id — edit a draft (version-checked); DELETE — discard it.
import { json, readJson, readNoBody, workspaceRoute } from "@/lib/http/route";
import { deleteComment, updateComment } from "@/lib/review/mutations";

type Params = { workspace: string; id: string };

export const PATCH = workspaceRoute<Params>("review.write", async (request, { scope, params }) =>
  json({ comment: await updateComment(scope, params.id, await readJson(request)) }),
);

export const DELETE = workspaceRoute<Params>("review.write", async (request, { scope, params }) => {
  await readNoBody(request);
  await deleteComment(scope, params.id);
  return json({ ok: true });
});
