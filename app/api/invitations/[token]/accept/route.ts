// POST /api/invitations/:token/accept — join the workspace behind an invitation link.
import { json, userRoute } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/workspace/mutations";

export const POST = userRoute<{ token: string }>(async (_request, { user, params }) =>
  json({ workspace: await acceptInvitation(user.id, params.token) }),
);
