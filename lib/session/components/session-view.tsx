"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { PHASE_HINTS, PHASE_LABELS, PHASES, type Phase } from "../rules";
import type { SessionSummary, SessionView as Session } from "../types";
import { AiPanel } from "./ai-panel";
import { FocusGuard, guardedBy, type Previous } from "./focus-guard";
import { Approaches, Interrupts, ReviewNotes } from "./session-items";
import { formatDuration, useSessionTime } from "./session-timer";
import { Timeline } from "./session-timeline";
import { useSession } from "./use-session";

/** The leverage session view: phases and time, the controls, and what the session has gathered. */
export function SessionView({ workspace, initial }: { workspace: string; initial: Session }) {
  const { session, readAt, write, saving } = useSession(workspace, initial);
  const { perPhase, total } = useSessionTime(session.time, session.phase, readAt);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [guard, setGuard] = useState<SessionSummary | null>(null);
  const editable = session.canEdit;
  const board = session.taskKey.split("-")[0];

  async function moveTo(phase: Phase) {
    if (phase === session.phase) return;
    const error = await write("", "PATCH", { version: session.version, phase }, { quiet: (e) => e.code === "unprocessable" });
    setRefusal(error?.code === "unprocessable" ? error.message : null);
  }

  async function resume(previous?: Previous) {
    const error = await write("", "PATCH", { version: session.version, state: "active", ...previous }, { quiet: (e) => guardedBy(e) !== null });
    const active = guardedBy(error);
    if (active) setGuard(active);
  }

  return (
    <main className="mx-auto max-w-7xl px-4 py-5">
      <header className="flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <Link href={`/w/${workspace}/b/${board}?task=${session.taskKey}`} className="font-mono hover:underline">
              {session.taskKey}
            </Link>{" "}
            · Leverage session · {session.person.name ?? session.person.email}
          </p>
          <h1 className="mt-0.5 truncate text-lg font-semibold">{session.taskTitle}</h1>
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Badge
            className={cn(
              session.state === "active" && "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
              session.state === "paused" && "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
            )}
          >
            {session.state === "active" ? "Active" : session.state === "paused" ? "Paused" : "Finished"}
          </Badge>
          <span role="timer" aria-label="Time in session" className="font-mono text-lg tabular-nums">
            {formatDuration(total)}
          </span>
          {editable && session.state === "active" && (
            <Button disabled={saving} onClick={() => void write("", "PATCH", { version: session.version, state: "paused" })}>
              Pause
            </Button>
          )}
          {editable && session.state === "paused" && (
            <Button variant="primary" disabled={saving} onClick={() => void resume()}>
              Resume
            </Button>
          )}
          {editable && (
            <Button variant={session.phase === "refinement" ? "primary" : "secondary"} onClick={() => setFinishing(true)}>
              Finish…
            </Button>
          )}
        </div>
      </header>

      <nav aria-label="Phases" className="mt-4">
        <ol className="grid grid-cols-2 gap-2 md:grid-cols-4">
          {PHASES.map((phase, index) => {
            const current = phase === session.phase;
            const done = PHASES.indexOf(session.phase) > index;
            return (
              <li key={phase}>
                <button
                  type="button"
                  disabled={!editable || saving}
                  aria-current={current ? "step" : undefined}
                  onClick={() => void moveTo(phase)}
                  className={cn(
                    "w-full rounded-md border px-3 py-2 text-left transition-colors disabled:cursor-default",
                    current
                      ? "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950"
                      : "border-zinc-200 bg-white enabled:hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:enabled:hover:bg-zinc-800",
                  )}
                >
                  <span className="flex items-baseline justify-between gap-2 text-sm font-medium">
                    <span>
                      <span className="mr-1.5 text-xs text-zinc-600 dark:text-zinc-400">{done ? "✓" : index + 1}</span>
                      {PHASE_LABELS[phase]}
                    </span>
                    <span className="font-mono text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{formatDuration(perPhase[phase])}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{session.state === "finished" ? "Finished." : PHASE_HINTS[session.phase]}</p>
        {refusal && (
          <Alert className="mt-2" tone="error">
            {refusal}
          </Alert>
        )}
      </nav>

      {session.state === "finished" && session.outcome && (
        <section aria-label="Outcome" className="mt-4 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <h2 className="font-semibold">Outcome</h2>
          <p className="mt-1 whitespace-pre-wrap">{session.outcome}</p>
        </section>
      )}

      <div className="mt-5 grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_20rem]">
        <Approaches session={session} write={write} editable={editable} />
        <div className="space-y-4">
          <Interrupts session={session} write={write} editable={editable} />
          <ReviewNotes session={session} write={write} editable={editable} />
        </div>
        <div className="space-y-4">
          <AiPanel workspace={workspace} session={session} editable={editable} />
          <Timeline entries={session.timeline} />
        </div>
      </div>

      {finishing && <FinishDialog session={session} write={write} onClose={() => setFinishing(false)} />}
      {guard && (
        <FocusGuard
          workspace={workspace}
          active={guard}
          busy={saving}
          onCancel={() => setGuard(null)}
          onChoose={(choice) => {
            setGuard(null);
            void resume(choice);
          }}
        />
      )}
    </main>
  );
}

function FinishDialog({ session, write, onClose }: { session: Session; write: ReturnType<typeof useSession>["write"]; onClose: () => void }) {
  const [outcome, setOutcome] = useState("");
  const [error, setError] = useState<string[] | undefined>();
  const open = session.notes.filter((n) => !n.doneAt).length;
  async function finish() {
    const failed = await write("", "PATCH", { version: session.version, state: "finished", outcome, leaveOpenNotes: open > 0 }, { quiet: (e) => Boolean(e.fields?.outcome) });
    if (!failed) onClose();
    else setError(failed.fields?.outcome);
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Finish the session" description={`${session.taskKey} · ${session.taskTitle}`}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          void finish();
        }}
      >
        {open > 0 && (
          <Alert tone="error">
            {open} review {open === 1 ? "note is" : "notes are"} still open. Tick {open === 1 ? "it" : "them"} off in Refinement, or finish anyway and leave{" "}
            {open === 1 ? "it" : "them"} open.
          </Alert>
        )}
        <Field label="Outcome" error={error} hint="What was decided, built or learned: the next person reads this first.">
          {(props) => <Textarea {...props} rows={4} autoFocus value={outcome} onChange={(e) => setOutcome(e.target.value)} className="font-sans" />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={open > 0 ? "danger" : "primary"} disabled={!outcome.trim()}>
            {open > 0 ? "Finish anyway" : "Finish session"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
