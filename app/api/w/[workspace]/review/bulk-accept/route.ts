// POST /api/w/:workspace/review/bulk-accept — accept several checked, fully viewed attempts with one checklist.
import { json, readJson, workspaceOrAgentRoute } from "@/lib/http/route";
import { bulkAccept } from "@/lib/review/mutations";

export const POST = workspaceOrAgentRoute("review.write", async (request, { scope }) => json({ results: await bulkAccept(scope, await readJson(request)) }));
