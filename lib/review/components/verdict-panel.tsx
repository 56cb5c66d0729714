"use client";

import { useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { CHECKLIST, REJECT_REASON_LABEL, REJECT_REASONS, requestChangesBlocked, type ChecklistItem, type RejectReason } from "../rules";
import type { AttemptView } from "../types";

export type VerdictDialog = "request_changes" | "reject" | null;

interface Props {
  view: AttemptView;
  checklist: ChecklistItem[];
  onChecklist: (items: ChecklistItem[]) => void;
  readOnly: boolean;
  pending: boolean;
  dialog: VerdictDialog;
  onDialog: (dialog: VerdictDialog) => void;
  onAccept: () => void;
  onRequestChanges: (summary: string) => Promise<void>;
  onReject: (input: { reason: RejectReason; note: string; assigneeId: string | null; toLeverage: boolean }) => Promise<void>;
  checklistRef: Ref<HTMLFieldSetElement>;
}

/** The ownership checklist and the three verdicts, with the loop limit's reason when it applies. */
export function VerdictPanel({ view, checklist, onChecklist, readOnly, pending, dialog, onDialog, onAccept, onRequestChanges, onReject, checklistRef }: Props) {
  const blocked = requestChangesBlocked(view.task.loopCount, view.task.loopLimit);
  const complete = CHECKLIST.every((item) => checklist.includes(item.id));
  const drafts = view.drafts.length;
  return (
    <section aria-labelledby="verdict-heading" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="verdict-heading" className="text-sm font-semibold">
        Verdict
      </h2>
      <fieldset ref={checklistRef} className="space-y-1" disabled={readOnly}>
        <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Ownership checklist — passing checks are not proof of correctness</legend>
        {CHECKLIST.map((item) => (
          <label key={item.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={checklist.includes(item.id)}
              onChange={(e) => onChecklist(e.target.checked ? [...checklist, item.id] : checklist.filter((c) => c !== item.id))}
            />
            {item.label}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={onAccept} disabled={readOnly || pending || !complete} aria-keyshortcuts="a" title={complete ? "Accept (a)" : "Tick the whole checklist to accept"}>
          Accept <kbd className="text-xs opacity-70">a</kbd>
        </Button>
        <Button onClick={() => onDialog("request_changes")} disabled={readOnly || pending || blocked !== null} aria-keyshortcuts="r" aria-describedby={blocked ? "loop-limit-reason" : undefined}>
          Request changes <kbd className="text-xs opacity-70">r</kbd>
        </Button>
        <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => onDialog("reject")} disabled={readOnly || pending} aria-keyshortcuts="x">
          Reject — handle manually <kbd className="text-xs opacity-70">x</kbd>
        </Button>
      </div>
      {blocked && (
        <p id="loop-limit-reason" className="text-sm text-amber-800 dark:text-amber-300">
          {blocked}
        </p>
      )}
      {!complete && !readOnly && <p className="text-xs text-zinc-600 dark:text-zinc-400">Accept needs all five ticks.</p>}
      {drafts > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {drafts} draft {drafts === 1 ? "comment goes" : "comments go"} out with your verdict.
        </p>
      )}
      {dialog === "request_changes" && <RequestChangesDialog drafts={drafts} pending={pending} onClose={() => onDialog(null)} onSubmit={onRequestChanges} />}
      {dialog === "reject" && <RejectDialog view={view} pending={pending} onClose={() => onDialog(null)} onSubmit={onReject} />}
    </section>
  );
}

function RequestChangesDialog({ drafts, pending, onClose, onSubmit }: { drafts: number; pending: boolean; onClose: () => void; onSubmit: Props["onRequestChanges"] }) {
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string>();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Request changes" description={`The agent gets your summary and ${drafts} inline ${drafts === 1 ? "comment" : "comments"} at once, and works again.`}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!summary.trim()) return setError("Write a summary of what to change.");
          void onSubmit(summary.trim()).catch((caught: unknown) => setError(caught instanceof Error ? caught.message : "Could not send."));
        }}
      >
        <Field label="Summary for the agent" error={error}>
          {(p) => (
            <Textarea
              {...p}
              autoFocus
              rows={6}
              className="font-sans"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && (e.metaKey || e.ctrlKey) && e.currentTarget.form?.requestSubmit()}
              placeholder="What is missing or wrong, and what done looks like."
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Sending…" : "Send to the agent"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RejectDialog({ view, pending, onClose, onSubmit }: { view: AttemptView; pending: boolean; onClose: () => void; onSubmit: Props["onReject"] }) {
  const [reason, setReason] = useState<RejectReason | "">("");
  const [note, setNote] = useState("");
  const [assigneeId, setAssigneeId] = useState(view.task.owner?.id ?? "");
  const [toLeverage, setToLeverage] = useState(true);
  const [error, setError] = useState<string>();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Reject — handle manually" description="The agent is unassigned and a person takes the task over.">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason) return setError("Choose a reason.");
          void onSubmit({ reason, note: note.trim(), assigneeId: assigneeId || null, toLeverage }).catch((caught: unknown) =>
            setError(caught instanceof Error ? caught.message : "Could not reject."),
          );
        }}
      >
        {error && <Alert>{error}</Alert>}
        <Field label="Reason">
          {(p) => (
            <Select {...p} autoFocus value={reason} onChange={(e) => setReason(e.target.value as RejectReason)}>
              <option value="">Choose a reason…</option>
              {REJECT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REJECT_REASON_LABEL[r]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Note" hint={reason === "unclear_spec" ? "Shown at the top of the spec editor until the spec is revised." : undefined}>
          {(p) => <Textarea {...p} rows={4} className="font-sans" value={note} onChange={(e) => setNote(e.target.value)} placeholder="What went wrong, for whoever picks it up." />}
        </Field>
        <Field label="Hand it to">
          {(p) => (
            <Select {...p} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
              {!view.task.owner && <option value="">Me (the task has no owner)</option>}
              {view.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name ?? m.email}
                  {m.id === view.task.owner?.id ? " (owner)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={toLeverage} onChange={(e) => setToLeverage(e.target.checked)} />
          Move it to the Leverage lane (a person pairs with an AI on it)
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Rejecting…" : "Reject and hand over"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
