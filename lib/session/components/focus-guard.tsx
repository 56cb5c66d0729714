"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client";
import { PHASE_LABELS } from "../rules";
import type { SessionSummary } from "../types";

/** What to do with the session the person is in: the focus guard's question. */
export type Previous = { previous: "pause" } | { previous: "finish"; previousOutcome: string };

/** The active session a 409 from the focus guard names, if that is what the error is. */
export function guardedBy(error: unknown): SessionSummary | null {
  return error instanceof ApiError && error.code === "conflict" && error.body?.active ? (error.body.active as SessionSummary) : null;
}

/**
 * One focused session at a time: starting or resuming another while one is active asks what to
 * do with it — pause it, or finish it with its outcome — or to go back to it.
 */
export function FocusGuard({ workspace, active, onChoose, onCancel, busy }: { workspace: string; active: SessionSummary; onChoose: (choice: Previous) => void; onCancel: () => void; busy: boolean }) {
  const [finishing, setFinishing] = useState(false);
  const [outcome, setOutcome] = useState("");
  return (
    <Dialog open onOpenChange={(open) => !open && onCancel()} title="You are already in a session" description="One focused session at a time.">
      <p className="text-sm">
        Your session on{" "}
        <Link href={`/w/${workspace}/sessions/${active.id}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
          {active.taskKey} · {active.taskTitle}
        </Link>{" "}
        is active ({PHASE_LABELS[active.phase]}). Pause it to come back later, or finish it first.
      </p>
      {finishing ? (
        <form
          className="mt-4 space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (outcome.trim()) onChoose({ previous: "finish", previousOutcome: outcome.trim() });
          }}
        >
          <Field label={`Outcome of ${active.taskKey}`} hint="What was decided, built or learned.">
            {(props) => <Textarea {...props} rows={3} autoFocus value={outcome} onChange={(e) => setOutcome(e.target.value)} className="font-sans" />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setFinishing(false)}>Back</Button>
            <Button type="submit" variant="primary" disabled={!outcome.trim() || busy}>
              Finish it and start
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button onClick={onCancel}>Cancel</Button>
          <Button onClick={() => setFinishing(true)}>Finish it…</Button>
          <Button variant="primary" autoFocus disabled={busy} onClick={() => onChoose({ previous: "pause" })}>
            Pause it and start
          </Button>
        </div>
      )}
    </Dialog>
  );
}
