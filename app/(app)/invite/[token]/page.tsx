import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/misc";
import { pageUser } from "@/lib/auth/page";
import { AcceptInvitation } from "@/lib/workspace/components/accept-invitation";
import { describeInvitation } from "@/lib/workspace/data";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await pageUser(`/invite/${token}`);
  const invitation = await describeInvitation(token);
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      {invitation ? (
        <div className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="text-lg font-semibold">Join {invitation.workspace.name}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You have been invited as a {invitation.role}.</p>
          <AcceptInvitation token={token} />
        </div>
      ) : (
        <EmptyState
          title="This invitation link is not valid any more"
          action={
            <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Go to your workspaces
            </Link>
          }
        >
          It may have been used already or have expired. Ask for a new one.
        </EmptyState>
      )}
    </main>
  );
}
