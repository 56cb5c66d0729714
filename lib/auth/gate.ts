import "server-only";
import { getServerSession } from "next-auth";
import { unauthenticated } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import type { WorkspaceScope } from "@/lib/core/scope";
import { findSignedInUser, type SessionUser } from "@/lib/user/data";
import { authOptions } from "./options";
import { scopeForUser } from "./scope";

export { scopeForUser };

/** The signed-in user, confirmed against the database (user and sign-in session), or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id && session.sid ? findSignedInUser(id, session.sid) : null;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}

/** The session user's scope in a workspace (401 signed out, 404 not a member, 403 role too low). */
export async function requireScope(slug: string, permission: Permission = "workspace.read"): Promise<WorkspaceScope> {
  // The membership lookup also proves the user and the sign-in session still exist (memberships
  // and sessions cascade on delete), so one query authorises the request.
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId || !session.sid) throw unauthenticated();
  return scopeForUser(slug, userId, permission, session.sid);
}
