// GET /api/v1/tasks/:key — one assigned task with its spec, lint score, loop count and latest review.
import { getAgentTask } from "@/lib/agent/data";
import { agentRoute, json } from "@/lib/http/route";

export const GET = agentRoute<{ key: string }>(async (_request, { scope, params }) => json({ task: await getAgentTask(scope, params.key) }));
