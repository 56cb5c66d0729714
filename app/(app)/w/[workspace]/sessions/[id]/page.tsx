import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageScope } from "@/lib/auth/page";
import { AppError } from "@/lib/core/errors";
import { SessionView } from "@/lib/session/components/session-view";
import { getSession } from "@/lib/session/data";

export const metadata: Metadata = { title: "Leverage session" };

export default async function SessionPage({ params }: { params: Promise<{ workspace: string; id: string }> }) {
  const { workspace, id } = await params;
  const scope = await pageScope(workspace, `/w/${workspace}/sessions/${id}`);
  const session = await getSession(scope, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <SessionView workspace={scope.workspaceSlug} initial={session} />;
}
