// POST /api/w/:workspace/sessions/:id/notes — a review note queued for refinement: { body }.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { addNote } from "@/lib/session/mutations";

export const POST = workspaceRoute<{ workspace: string; id: string }>("task.write", async (request, { scope, params }) =>
  json({ session: await addNote(scope, params.id, await readJson(request)) }, 201),
);
