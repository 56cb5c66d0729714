"use client";

import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, Panel } from "@/components/ui/misc";
import { useSettingsForm } from "@/lib/workspace/components/use-settings-form";
import { LOOP_LIMIT } from "../rules";

/** The review loop limit: how many times a reviewer may send a delegated task back (admins edit it). */
export function ReviewSettings({
  workspace,
  loopLimit,
  settingsVersion,
  canEdit,
  unclearByTemplate,
}: {
  workspace: string;
  loopLimit: number;
  /** The settings version the page was rendered with (sent back with an edit). */
  settingsVersion: number;
  canEdit: boolean;
  /** Rejections for an unclear spec, per template the spec started from. */
  unclearByTemplate: { name: string; count: number }[];
}) {
  const { value, setValue, onSubmit, pending, fields, conflict } = useSettingsForm({
    workspace,
    field: "loopLimit",
    saved: loopLimit,
    version: settingsVersion,
    savedMessage: "Loop limit saved",
  });
  return (
    <Panel
      title="Review"
      description="After this many “request changes” rounds a delegated task must be accepted or rejected and handled by a person. Lowering it leaves tasks that used more at the cap."
    >
      <form onSubmit={onSubmit} className="mt-3 flex items-end gap-2" noValidate>
        <Field label={`Review loop limit (${LOOP_LIMIT.min}–${LOOP_LIMIT.max})`} error={fields.loopLimit}>
          {(p) => <Input {...p} type="number" min={LOOP_LIMIT.min} max={LOOP_LIMIT.max} value={value} onChange={(e) => setValue(e.target.value)} disabled={!canEdit} className="w-28" />}
        </Field>
        {canEdit && (
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save loop limit"}
          </Button>
        )}
      </form>
      {conflict && <Alert className="mt-2">{conflict}</Alert>}
      <h3 className="mt-4 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Rejections for an unclear spec, by template</h3>
      {unclearByTemplate.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">None yet. When a reviewer rejects work because its spec was unclear, the template the spec started from is counted here.</p>
      ) : (
        <ul className="mt-1 space-y-0.5 text-sm" aria-label="Rejections for an unclear spec, by template">
          {unclearByTemplate.map((t) => (
            <li key={t.name} className="flex justify-between gap-4">
              <span>{t.name}</span>
              <span className="tabular-nums">{t.count}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
