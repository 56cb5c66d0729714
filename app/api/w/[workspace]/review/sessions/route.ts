// POST /api/w/:workspace/review/sessions — start a review session, or resume the caller's recent one.
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { startSession } from "@/lib/review/mutations";

export const POST = workspaceRoute("review.write", async (request, { scope }) => {
  await readNoBody(request);
  return json({ session: await startSession(scope) }, 201);
});
