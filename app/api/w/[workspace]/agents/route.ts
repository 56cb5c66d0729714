// GET /api/w/:workspace/agents — agents with their tokens (prefixes only); POST — register one (admins).
import { listAgents } from "@/lib/agent/data";
import { createAgent } from "@/lib/agent/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ agents: await listAgents(scope) }));

export const POST = workspaceRoute("agent.manage", async (request, { scope }) => json({ agent: await createAgent(scope, await readJson(request)) }, 201));
