// POST /api/w/:workspace/sessions/:id/approaches — an approach considered: { name, pros?, cons? }.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { addApproach } from "@/lib/session/mutations";

export const POST = workspaceRoute<{ workspace: string; id: string }>("task.write", async (request, { scope, params }) =>
  json({ session: await addApproach(scope, params.id, await readJson(request)) }, 201),
);
