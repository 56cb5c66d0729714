import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/misc";
import { pageScope } from "@/lib/auth/page";
import { CreateBoardForm } from "@/lib/board/components/create-board-form";
import { listBoards } from "@/lib/board/data";
import { can } from "@/lib/core/roles";

export const metadata: Metadata = { title: "Boards" };

export default async function WorkspacePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const scope = await pageScope(workspace, `/w/${workspace}`);
  const boards = await listBoards(scope);
  const canCreate = can(scope.role, "board.write");
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-xl font-semibold">Boards</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-[1fr_18rem]">
        {boards.length === 0 ? (
          <EmptyState title="No boards yet">{canCreate ? "Create the first board for a product or repository." : "An admin can create the first board."}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {boards.map((b) => (
              <li key={b.id}>
                <Link
                  href={`/w/${scope.workspaceSlug}/b/${b.key}`}
                  className="block rounded-lg border border-zinc-200 bg-white p-4 hover:border-indigo-300 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700"
                >
                  <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{b.key}</span>
                  <span className="mt-0.5 block font-medium">{b.name}</span>
                  <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                    {b._count.tasks} {b._count.tasks === 1 ? "task" : "tasks"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {canCreate && (
          <aside className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <h2 className="text-sm font-semibold">New board</h2>
            <CreateBoardForm workspace={scope.workspaceSlug} />
          </aside>
        )}
      </div>
    </main>
  );
}
