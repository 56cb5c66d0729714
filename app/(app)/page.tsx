import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui/misc";
import { pageUser } from "@/lib/auth/page";
import { CreateWorkspaceForm } from "@/lib/workspace/components/create-workspace-form";
import { listWorkspacesForUser } from "@/lib/workspace/data";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await pageUser("/");
  const workspaces = await listWorkspacesForUser(user.id);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-xl font-semibold">Your workspaces</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">A workspace is one team: its boards, members and agents.</p>
      <div className="mt-6 grid gap-6 md:grid-cols-[1fr_18rem]">
        <section aria-label="Workspaces">
          {workspaces.length === 0 ? (
            <EmptyState title="You are not in a workspace yet">
              Create one for your team, or open an invitation link a teammate sent you.
            </EmptyState>
          ) : (
            <ul className="space-y-3">
              {workspaces.map((w) => (
                <li key={w.slug} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
                  <div className="flex items-center justify-between gap-2">
                    <Link href={`/w/${w.slug}`} className="font-medium hover:underline">
                      {w.name}
                    </Link>
                    <Badge>{w.role}</Badge>
                  </div>
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    {w.memberCount} {w.memberCount === 1 ? "member" : "members"} · {w.boards.length} {w.boards.length === 1 ? "board" : "boards"}
                  </p>
                  {w.boards.length > 0 && (
                    <ul className="mt-3 flex flex-wrap gap-2">
                      {w.boards.map((b) => (
                        <li key={b.key}>
                          <Link
                            href={`/w/${w.slug}/b/${b.key}`}
                            className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                          >
                            <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{b.key}</span> {b.name}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="text-sm font-semibold">New workspace</h2>
          <CreateWorkspaceForm />
        </aside>
      </div>
    </main>
  );
}
