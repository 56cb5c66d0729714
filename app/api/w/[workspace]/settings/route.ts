// GET /api/w/:workspace/settings — workspace settings; PATCH — change them (admins and owners).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { getWorkspaceSettings } from "@/lib/workspace/data";
import { updateWorkspaceSettings } from "@/lib/workspace/mutations";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ settings: await getWorkspaceSettings(scope) }));

export const PATCH = workspaceRoute("workspace.settings", async (request, { scope }) =>
  json({ settings: await updateWorkspaceSettings(scope, await readJson(request)) }),
);
