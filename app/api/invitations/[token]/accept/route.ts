// POST /api/invitations/:token/accept — join the workspace behind an invitation link.
import { json, readNoBody, userRoute } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/workspace/mutations";

export const POST = userRoute<{ token: string }>(async (request, { user, params }) => {
  await readNoBody(request);
  return json({ workspace: await acceptInvitation(user.id, params.token) });
});
