// POST /api/w/:workspace/invitations — create a one-time invitation link (admins and owners).
import { json, workspaceRoute } from "@/lib/http/route";
import { createInvitation } from "@/lib/workspace/mutations";

export const POST = workspaceRoute("invitation.create", async (request, { scope }) => {
  const invitation = await createInvitation(scope);
  const url = new URL(`/invite/${invitation.token}`, request.nextUrl.origin).toString();
  return json({ invitation: { id: invitation.id, role: invitation.role, expiresAt: invitation.expiresAt, url } }, 201);
});
