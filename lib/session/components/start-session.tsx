"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client";
import { PHASE_LABELS } from "../rules";
import type { TaskCardData } from "@/lib/task/types";
import type { SessionSummary, SessionView } from "../types";
import { FocusGuard, guardedBy, type Previous } from "./focus-guard";

/**
 * The session part of a Leverage-lane task: who is in session on it, or Start session (Resume
 * for one's own paused session). Starting opens the session view.
 */
export function TaskSession({ workspace, taskKey, session, viewerId, canStart }: { workspace: string; taskKey: string; session: TaskCardData["session"]; viewerId: string | null; canStart: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState<SessionSummary | null>(null);

  async function start(previous?: Previous) {
    setBusy(true);
    try {
      const { session: started } = await apiFetch<{ session: SessionView }>(`/api/w/${workspace}/sessions`, { method: "POST", body: { taskKey, ...previous } });
      router.push(`/w/${workspace}/sessions/${started.id}`);
    } catch (error) {
      const guard = guardedBy(error);
      if (guard) setActive(guard);
      else toast.error(error instanceof Error ? error.message : "Could not start the session.");
      setBusy(false);
    }
  }

  const mine = session !== null && session.person.id === viewerId;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      {session ? (
        <p>
          <span className="font-medium">{mine ? "You are" : `${session.person.name ?? session.person.email} is`}</span> in session on this task ·{" "}
          {PHASE_LABELS[session.phase]}
          {session.state === "paused" && " · paused"}
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">Work this task in a focused session with your AI: discovery, design, implementation, refinement.</p>
      )}
      <span className="ml-auto flex gap-2">
        {session && (
          <Button size="sm" onClick={() => router.push(`/w/${workspace}/sessions/${session.id}`)}>
            Open session
          </Button>
        )}
        {canStart && (!session || (mine && session.state === "paused")) && (
          <Button size="sm" variant="primary" disabled={busy} onClick={() => void start()}>
            {session ? "Resume session" : "Start session"}
          </Button>
        )}
      </span>
      {active && (
        <FocusGuard
          workspace={workspace}
          active={active}
          busy={busy}
          onCancel={() => setActive(null)}
          onChoose={(choice) => {
            setActive(null);
            void start(choice);
          }}
        />
      )}
    </div>
  );
}
