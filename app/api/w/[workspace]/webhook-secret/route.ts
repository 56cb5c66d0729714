// PUT /api/w/:workspace/webhook-secret — set the secret GitHub signs webhook deliveries with (admins).
import { setWebhookSecret } from "@/lib/agent/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const PUT = workspaceRoute("agent.manage", async (request, { scope }) => {
  await setWebhookSecret(scope, await readJson(request));
  return json({ saved: true });
});
