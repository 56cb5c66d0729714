import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState } from "@/components/ui/misc";
import { pageScope } from "@/lib/auth/page";
import { listOpenSessions } from "@/lib/session/data";
import { PHASE_LABELS } from "@/lib/session/rules";

export const metadata: Metadata = { title: "Sessions" };

/** Who is in session on what. */
export default async function SessionsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const scope = await pageScope(workspace, `/w/${workspace}/sessions`);
  const sessions = await listOpenSessions(scope);
  return (
    <main className="mx-auto max-w-4xl px-4 py-6">
      <h1 className="text-lg font-semibold">Sessions</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Who is working a Leverage-lane task in a focused session right now, and who has one paused.</p>
      <div className="mt-4">
        {sessions.length === 0 ? (
          <EmptyState title="Nobody is in session">Open a task in the Leverage lane and choose Start session to work it with your AI, one focused session at a time.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th className="py-2 font-medium">Person</th>
                <th className="py-2 font-medium">Task</th>
                <th className="py-2 font-medium">Phase</th>
                <th className="py-2 font-medium">State</th>
                <th className="py-2 font-medium">Started</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-b border-zinc-100 dark:border-zinc-800">
                  <td className="py-2">{s.person.name ?? s.person.email}</td>
                  <td className="py-2">
                    <Link href={`/w/${scope.workspaceSlug}/sessions/${s.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                      <span className="font-mono">{s.taskKey}</span> {s.taskTitle}
                    </Link>
                  </td>
                  <td className="py-2">{PHASE_LABELS[s.phase]}</td>
                  <td className="py-2">{s.state === "active" ? "In session" : "Paused"}</td>
                  <td className="py-2 text-zinc-600 dark:text-zinc-400">
                    <LocalTime iso={s.startedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
