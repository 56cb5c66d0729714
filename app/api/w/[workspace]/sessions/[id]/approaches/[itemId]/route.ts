// PATCH  /api/w/:workspace/sessions/:id/approaches/:itemId — { name?, pros?, cons?, chosen? } (choosing one unchooses the others).
// DELETE /api/w/:workspace/sessions/:id/approaches/:itemId
import { json, readJson, readNoBody, workspaceRoute } from "@/lib/http/route";
import { deleteApproach, updateApproach } from "@/lib/session/mutations";

type Params = { workspace: string; id: string; itemId: string };

export const PATCH = workspaceRoute<Params>("task.write", async (request, { scope, params }) =>
  json({ session: await updateApproach(scope, params.id, params.itemId, await readJson(request)) }),
);

export const DELETE = workspaceRoute<Params>("task.write", async (request, { scope, params }) => {
  await readNoBody(request);
  return json({ session: await deleteApproach(scope, params.id, params.itemId) });
});
