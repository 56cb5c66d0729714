// GET /api/w/:workspace/tasks/:key/submissions — every attempt on the task, with diffs, verdicts and the rounds' comments.
import { json, workspaceRoute } from "@/lib/http/route";
import { listAttemptsWithReviews } from "@/lib/review/data";

export const GET = workspaceRoute<{ workspace: string; key: string }>("workspace.read", async (_request, { scope, params }) =>
  json({ submissions: await listAttemptsWithReviews(scope, params.key) }),
);
