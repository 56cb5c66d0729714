// PATCH /api/w/:workspace/review/sessions/:id — heartbeat with the open attempt, or end the session; returns its summary.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { updateSession } from "@/lib/review/mutations";

export const PATCH = workspaceRoute<{ workspace: string; id: string }>("review.write", async (request, { scope, params }) =>
  json({ session: await updateSession(scope, params.id, await readJson(request)) }),
);
