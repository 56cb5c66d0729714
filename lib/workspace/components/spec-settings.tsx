"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, EmptyState, Panel } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { useSettingsForm } from "./use-settings-form";

interface Props {
  workspace: string;
  threshold: number;
  /** The settings version the page was rendered with (sent back with an edit). */
  settingsVersion: number;
  templates: { id: string; name: string; description: string }[];
  canEdit: boolean;
}

export function SpecSettings({ workspace, threshold, settingsVersion, templates, canEdit }: Props) {
  const router = useRouter();
  const {
    value,
    setValue,
    onSubmit,
    pending: saving,
    fields,
    conflict,
  } = useSettingsForm({ workspace, field: "specThreshold", saved: threshold, version: settingsVersion, savedMessage: "Spec threshold saved" });

  async function remove(id: string, name: string) {
    if (!window.confirm(`Delete the template “${name}”? Specs made from it keep their text.`)) return;
    try {
      await apiFetch(`/api/w/${workspace}/templates/${id}`, { method: "DELETE" });
      toast.success(`Deleted “${name}”`);
      router.refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not delete.");
    }
  }

  return (
    <Panel
      title="Specs"
      description="A delegate task can enter Ready only when its spec scores at least the threshold, or with a recorded reason."
    >
      <form onSubmit={onSubmit} className="mt-3 flex items-end gap-2" noValidate>
        <Field label="Spec threshold (0–100)" error={fields.specThreshold}>
          {(p) => <Input {...p} type="number" min={0} max={100} value={value} onChange={(e) => setValue(e.target.value)} disabled={!canEdit} className="w-28" />}
        </Field>
        {canEdit && (
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? "Saving…" : "Save threshold"}
          </Button>
        )}
      </form>
      {conflict && <Alert className="mt-2">{conflict}</Alert>}
      <h3 className="mt-6 text-sm font-semibold">Workspace templates</h3>
      {templates.length === 0 ? (
        <div className="mt-2">
          <EmptyState title="No workspace templates yet">
            Open a good spec and use “Save as template” to share it. The four built-in templates are always available.
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
          {templates.map((t) => (
            <li key={t.id} className="flex items-center gap-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{t.name}</p>
                {t.description && <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>}
              </div>
              {canEdit && (
                <Button size="sm" variant="ghost" onClick={() => void remove(t.id, t.name)} aria-label={`Delete template ${t.name}`}>
                  Delete
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
