// PATCH /api/w/:workspace/agents/:id — { mention: "@copilot" | null }: the mention put at the start
// of the GitHub reviews Baton posts on this agent's pull requests, for agents that act only when
// mentioned (admins).
import { setAgentMention } from "@/lib/agent/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const PATCH = workspaceRoute<{ workspace: string; id: string }>("agent.manage", async (request, { scope, params }) =>
  json({ agent: await setAgentMention(scope, params.id, await readJson(request)) }),
);
