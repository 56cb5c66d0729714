// GET /api/v1/tasks/:key/reviews — the verdicts and feedback on the agent's attempts so far.
import { listReviews } from "@/lib/agent/data";
import { agentRoute, json } from "@/lib/http/route";

export const GET = agentRoute<{ key: string }>(async (_request, { scope, params }) => json({ reviews: await listReviews(scope, params.key) }));
