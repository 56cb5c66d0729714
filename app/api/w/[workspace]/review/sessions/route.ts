// POST /api/w/:workspace/review/sessions — start a review session, or resume the caller's recent one.
import { json, workspaceRoute } from "@/lib/http/route";
import { startSession } from "@/lib/review/mutations";

export const POST = workspaceRoute("review.write", async (_request, { scope }) => json({ session: await startSession(scope) }, 201));
