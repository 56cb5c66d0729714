// POST /api/w/:workspace/invitations — create a one-time invitation link (admins and owners).
import { json, readNoBody, workspaceRoute } from "@/lib/http/route";
import { createInvitation } from "@/lib/workspace/mutations";

export const POST = workspaceRoute("invitation.create", async (request, { scope }) => {
  // Every invitation is for a member: a body (say, { "role": "owner" }) is refused, not ignored.
  await readNoBody(request);
  const invitation = await createInvitation(scope);
  const url = new URL(`/invite/${invitation.token}`, request.nextUrl.origin).toString();
  return json({ invitation: { id: invitation.id, role: invitation.role, expiresAt: invitation.expiresAt, url } }, 201);
});
