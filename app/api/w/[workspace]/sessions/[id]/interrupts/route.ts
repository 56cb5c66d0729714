// POST /api/w/:workspace/sessions/:id/interrupts — the AI interrupted: { category, note? }, in the current phase.
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { addInterrupt } from "@/lib/session/mutations";

export const POST = workspaceRoute<{ workspace: string; id: string }>("task.write", async (request, { scope, params }) =>
  json({ session: await addInterrupt(scope, params.id, await readJson(request)) }, 201),
);
