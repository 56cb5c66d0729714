// POST /api/w/:workspace/review/attempts/:id/verdict — accept, request changes or reject (people only; tokens get 403).
import { json, readJson, workspaceOrAgentRoute } from "@/lib/http/route";
import { giveVerdict } from "@/lib/review/mutations";

export const POST = workspaceOrAgentRoute<{ workspace: string; id: string }>("review.write", async (request, { scope, params }) =>
  json(await giveVerdict(scope, params.id, await readJson(request)), 201),
);
