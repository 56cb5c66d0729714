// DELETE /api/w/:workspace/templates/:id — remove a workspace template (admins and owners).
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { deleteTemplate } from "@/lib/spec/mutations";

export const DELETE = workspaceRoute<{ workspace: string; id: string }>("template.write", async (request, { scope, params }) => {
  await readNoBody(request);
  await deleteTemplate(scope, params.id);
  return json({ deleted: true });
});
