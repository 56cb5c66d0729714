import "server-only";
import { getServerSession } from "next-auth";
import { unauthenticated } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import type { WorkspaceScope } from "@/lib/core/scope";
import { findUserById, type SessionUser } from "@/lib/user/data";
import { authOptions } from "./options";
import { scopeForUser } from "./scope";

export { scopeForUser };

/** The signed-in user, confirmed against the database, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? findUserById(id) : null;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}

/** The session user's scope in a workspace (401 signed out, 404 not a member, 403 role too low). */
export async function requireScope(slug: string, permission: Permission = "workspace.read"): Promise<WorkspaceScope> {
  // The membership lookup also proves the user still exists (memberships cascade on delete),
  // so one query authorises the request.
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) throw unauthenticated();
  return scopeForUser(slug, userId, permission);
}
