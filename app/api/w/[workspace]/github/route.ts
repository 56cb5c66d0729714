// GET    /api/w/:workspace/github — the workspace's GitHub connection (API address and account, never the token), or null.
// PUT    /api/w/:workspace/github — connect: { token, apiUrl? }; GitHub is asked whose the token is before it is stored (admins).
// DELETE /api/w/:workspace/github — disconnect: the token is deleted (admins).
import { connectGitHub, disconnectGitHub } from "@/lib/github/mutations";
import { findGitHubConnection } from "@/lib/github/data";
import { json, readJson, readNoBody, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ connection: await findGitHubConnection(scope) }));

export const PUT = workspaceRoute("workspace.settings", async (request, { scope }) =>
  json({ connection: await connectGitHub(scope, await readJson(request)) }, { headers: { "Cache-Control": "no-store" } }),
);

export const DELETE = workspaceRoute("workspace.settings", async (request, { scope }) => {
  await readNoBody(request);
  await disconnectGitHub(scope);
  return json({ connection: null });
});
