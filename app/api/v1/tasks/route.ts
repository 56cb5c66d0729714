// GET /api/v1/tasks — the tasks assigned to the calling agent (?status= to filter).
import { listAssignedTasks } from "@/lib/agent/data";
import { listTasksQuerySchema } from "@/lib/agent/schema";
import { parseInput } from "@/lib/core/errors";
import { agentRoute, json } from "@/lib/http/route";

export const GET = agentRoute(async (request, { scope }) => {
  const { status } = parseInput(listTasksQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json({ tasks: await listAssignedTasks(scope, status) });
});
