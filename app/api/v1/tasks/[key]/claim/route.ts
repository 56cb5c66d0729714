// POST /api/v1/tasks/:key/claim — the agent starts work: the task moves to In progress.
import { claimTask } from "@/lib/agent/mutations";
import { agentRoute, json } from "@/lib/http/route";

export const POST = agentRoute<{ key: string }>(async (_request, { scope, params }) => json({ task: await claimTask(scope, params.key) }));
