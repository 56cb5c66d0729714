// PUT /api/w/:workspace/review/attempts/:id/viewed — mark one file of the attempt viewed or not (per reviewer).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { setFileViewed } from "@/lib/review/mutations";

export const PUT = workspaceRoute<{ workspace: string; id: string }>("review.write", async (request, { scope, params }) =>
  json(await setFileViewed(scope, params.id, await readJson(request))),
);
