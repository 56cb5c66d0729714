// GET  /api/w/:workspace/sessions — leverage sessions not finished: who is in session on what.
// POST /api/w/:workspace/sessions — start a session on a Leverage-lane task ({ taskKey, previous?, previousOutcome? }),
//      or resume the caller's paused one on it (200). The focus guard answers 409 naming the active session.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { listOpenSessions } from "@/lib/session/data";
import { startSession } from "@/lib/session/mutations";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ sessions: await listOpenSessions(scope) }));

export const POST = workspaceRoute("task.write", async (request, { scope }) => {
  const { session, created } = await startSession(scope, await readJson(request));
  return json({ session }, created ? 201 : 200);
});
