import "server-only";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import type { WorkspaceScope } from "@/lib/core/scope";
import type { SessionUser } from "@/lib/user/data";
import { currentUser, requireScope } from "./gate";

// Page-level versions of the gate: signed-out visitors go to /signin and come back afterwards;
// a workspace that is not yours is the ordinary 404 page.

export async function pageUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function pageScope(slug: string, returnTo: string): Promise<WorkspaceScope> {
  await pageUser(returnTo);
  try {
    return await requireScope(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
