// GET /api/w/:workspace/review/queue — attempts awaiting a verdict, oldest first (?board&agent&author).
import { parseInput } from "@/lib/core/errors";
import { json, workspaceRoute } from "@/lib/http/route";
import { listQueue } from "@/lib/review/data";
import { queueFilterSchema } from "@/lib/review/schema";

export const GET = workspaceRoute("workspace.read", async (request, { scope }) => {
  const filter = parseInput(queueFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listQueue(scope, filter));
});
