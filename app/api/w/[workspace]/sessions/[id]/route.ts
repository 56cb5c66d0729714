// GET   /api/w/:workspace/sessions/:id — the session: phases and time, approaches, interrupts, notes, timeline.
// PATCH /api/w/:workspace/sessions/:id — { version, phase?, state?, outcome?, leaveOpenNotes?, previous?, previousOutcome? }.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { getSession } from "@/lib/session/data";
import { updateSession } from "@/lib/session/mutations";

type Params = { workspace: string; id: string };

export const GET = workspaceRoute<Params>("workspace.read", async (_request, { scope, params }) => json({ session: await getSession(scope, params.id) }));

export const PATCH = workspaceRoute<Params>("task.write", async (request, { scope, params }) =>
  json({ session: await updateSession(scope, params.id, await readJson(request)) }),
);
