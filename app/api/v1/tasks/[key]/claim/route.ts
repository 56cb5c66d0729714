// POST /api/v1/tasks/:key/claim — the agent starts work: the task moves to In progress.
import { claimTask } from "@/lib/agent/mutations";
import { agentRoute, json, readNoBody } from "@/lib/http/route";

export const POST = agentRoute<{ key: string }>(async (request, { scope, params }) => {
  await readNoBody(request);
  return json({ task: await claimTask(scope, params.key) });
});
