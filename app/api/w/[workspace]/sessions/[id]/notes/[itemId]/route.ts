// PATCH /api/w/:workspace/sessions/:id/notes/:itemId — tick a review note off, or back on: { done }.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { updateNote } from "@/lib/session/mutations";

export const PATCH = workspaceRoute<{ workspace: string; id: string; itemId: string }>("task.write", async (request, { scope, params }) =>
  json({ session: await updateNote(scope, params.id, params.itemId, await readJson(request)) }),
);
