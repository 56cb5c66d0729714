"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import { Alert, Skeleton } from "@/components/ui/misc";
import { boardQueryKey, upsertTask, useDeleteTask } from "@/lib/board/components/use-board";
import type { FieldErrors } from "@/lib/core/errors";
import { ApiError, apiFetch } from "@/lib/http/client";
import { LANE_LABEL, LANES, STATUS_LABEL, STATUSES, type Lane, type Status } from "../schema";
import { AssignAgent } from "@/lib/agent/components/assign-agent";
import { Submissions } from "@/lib/agent/components/submissions";
import type { AgentKind } from "@/lib/agent/schema";
import { hasRole, type Principal } from "@/lib/core/roles";
import { Revisions } from "@/lib/spec/components/revisions";
import { SpecEditor } from "@/lib/spec/components/spec-editor";
import type { Reasons } from "../schema";
import { RECOMMENDATION_LABEL, type Recommendation } from "../triage";
import type { TaskCardData, TaskDetail, TaskEventData, TaskPerson } from "../types";
import { useReasonPrompt } from "./reason-prompt";
import { TriagePanel } from "./triage-panel";

interface Props {
  workspace: string;
  board: string;
  taskKey: string;
  task: TaskCardData | undefined;
  members: TaskPerson[];
  role: Principal;
  specThreshold: number;
  agents: { id: string; name: string; kind: AgentKind }[];
  onClose: () => void;
}

type Tab = "details" | "triage" | "spec" | "revisions" | "attempts" | "history";

interface Draft {
  title: string;
  description: string;
  labels: string;
  ownerId: string;
  lane: Lane;
  status: Status;
}

const toDraft = (task: TaskDetail): Draft => ({
  title: task.title,
  description: task.description,
  labels: task.labels.join(", "),
  ownerId: task.owner?.id ?? "",
  lane: task.lane,
  status: task.status,
});

export function TaskDialog({ workspace, board, taskKey, task, members, role, specThreshold, agents, onClose }: Props) {
  const readOnly = !hasRole(role, "member");
  // The board holds cards only; the full task (description, …) is loaded when it is opened.
  const detail = useQuery({
    queryKey: ["task", workspace, taskKey],
    queryFn: () => apiFetch<{ task: TaskDetail }>(`/api/w/${workspace}/tasks/${taskKey}`),
    enabled: task !== undefined,
    staleTime: 0,
  });
  if (!task || detail.isError) {
    return (
      <Dialog open onOpenChange={(open) => !open && onClose()} title={taskKey}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This task is not on this board any more. It may have been deleted or moved.</p>
      </Dialog>
    );
  }
  if (!detail.data) {
    return (
      <Dialog open onOpenChange={(open) => !open && onClose()} title={readOnly ? task.key : `Edit ${task.key}`}>
        <div className="space-y-3" aria-busy="true">
          <Skeleton className="h-9" />
          <Skeleton className="h-40" />
          <Skeleton className="h-9 w-2/3" />
        </div>
      </Dialog>
    );
  }
  return (
    <TaskView workspace={workspace} board={board} task={{ ...detail.data.task, ...task }} members={members} role={role} specThreshold={specThreshold} agents={agents} onClose={onClose} />
  );
}

const TAB_LABEL: Record<Tab, string> = { details: "Details", triage: "Triage", spec: "Spec", revisions: "Revisions", attempts: "Attempts", history: "History" };

/** The task: its fields, triage, spec (a brief outside the delegate lane), revisions and history. */
function TaskView({ workspace, board, task, members, role, specThreshold, agents, onClose }: Omit<Props, "task" | "taskKey"> & { task: TaskDetail }) {
  const readOnly = !hasRole(role, "member");
  const [tab, setTab] = useState<Tab>(task.status === "in_review" && task.attempts > 0 ? "attempts" : "details");
  const tabs: Tab[] = ["details", "triage", "spec", "revisions", "attempts", "history"];
  const label = (t: Tab) => (t === "spec" && task.lane !== "delegate" ? "Brief" : TAB_LABEL[t]);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={readOnly ? `${task.key} · ${task.title}` : `Edit ${task.key}`}
      description={`${LANE_LABEL[task.lane]} · ${STATUS_LABEL[task.status]} · version ${task.version}`}
      className="w-[min(72rem,calc(100vw-2rem))]"
    >
      {task.agent && task.lifecycle && <Lifecycle stage={task.lifecycle.stage} at={task.lifecycle.at} agent={task.agent.name} attempts={task.attempts} />}
      <div role="tablist" aria-label="Task sections" className="-mt-1 mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`task-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`task-panel-${t}`}
            onClick={() => setTab(t)}
            className={cn(
              "-mb-px border-b-2 px-3 py-1.5 text-sm",
              tab === t ? "border-indigo-600 font-medium text-zinc-900 dark:border-indigo-400 dark:text-zinc-100" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {label(t)}
            {t === "attempts" && task.attempts > 0 && <span className="ml-1 rounded-full bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">{task.attempts}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`task-panel-${tab}`} aria-labelledby={`task-tab-${tab}`}>
        {tab === "details" && (
          <>
            {task.lane === "delegate" && (
              <div className="mb-4 max-w-sm">
                <AssignAgent workspace={workspace} board={board} taskKey={task.key} agentId={task.agent?.id ?? null} agents={agents} disabled={readOnly} />
              </div>
            )}
            <DetailsForm workspace={workspace} board={board} task={task} members={members} readOnly={readOnly} onClose={onClose} />
          </>
        )}
        {tab === "triage" && <TriagePanel workspace={workspace} board={board} taskKey={task.key} initial={task.triage} readOnly={readOnly} />}
        {tab === "spec" && (
          <SpecEditor
            workspace={workspace}
            taskKey={task.key}
            title={task.title}
            readOnly={readOnly}
            canManageTemplates={hasRole(role, "admin")}
            threshold={specThreshold}
            kind={task.lane === "delegate" ? "spec" : "brief"}
          />
        )}
        {tab === "revisions" && <Revisions workspace={workspace} taskKey={task.key} readOnly={readOnly} />}
        {tab === "attempts" && <Submissions workspace={workspace} taskKey={task.key} version={task.version} />}
        {tab === "history" && <History workspace={workspace} taskKey={task.key} version={task.version} />}
      </div>
    </Dialog>
  );
}

function DetailsForm({ workspace, board, task, members, readOnly, onClose }: { workspace: string; board: string; task: TaskDetail; members: TaskPerson[]; readOnly: boolean; onClose: () => void }) {
  const askReasons = useReasonPrompt();
  const queryClient = useQueryClient();
  // The version the draft is based on; a save names it so a stale save cannot overwrite anyone.
  const [base, setBase] = useState(task);
  const [draft, setDraft] = useState<Draft>(() => toDraft(task));
  const [tab, setTab] = useState<"write" | "preview">(readOnly ? "preview" : "write");
  const [fields, setFields] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const remove = useDeleteTask(workspace, board);
  const update = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  async function onSave(event: FormEvent | null, reasons: Reasons = {}) {
    event?.preventDefault();
    setSaving(true);
    setFields({});
    setError(undefined);
    try {
      const { task: saved } = await apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${task.key}`, {
        method: "PATCH",
        body: {
          version: base.version,
          title: draft.title,
          description: draft.description,
          labels: draft.labels.split(",").map((l) => l.trim()).filter(Boolean),
          ownerId: draft.ownerId || null,
          lane: draft.lane,
          status: draft.status,
          ...reasons,
        },
      });
      upsertTask(queryClient, boardQueryKey(workspace, board), saved);
      queryClient.removeQueries({ queryKey: ["task", workspace, task.key] });
      toast.success(`Saved ${saved.key}`);
      onClose();
    } catch (caught) {
      setSaving(false);
      const prompt = Object.keys(reasons).length === 0 ? askReasons(caught) : null;
      if (prompt) {
        const given = await prompt;
        if (given) await onSave(null, given);
        return;
      }
      if (caught instanceof ApiError && caught.code === "conflict" && caught.body?.current) {
        setConflict(caught.body.current as TaskDetail);
        upsertTask(queryClient, boardQueryKey(workspace, board), caught.body.current as TaskDetail);
      } else if (caught instanceof ApiError && caught.fields) {
        setFields(caught.fields);
      } else {
        setError(caught instanceof Error ? caught.message : "Could not save.");
      }
    }
  }

  return (
    <>
      <form onSubmit={(e) => void onSave(e)} className="space-y-4" noValidate>
        {conflict && (
          <Alert>
            <p className="font-medium">This task changed while you were editing it.</p>
            <p className="mt-1">
              Someone else saved version {conflict.version} (“{conflict.title}”). Your changes were not saved and nothing was overwritten.
            </p>
            <div className="mt-2 flex gap-2">
              <Button
                size="sm"
                onClick={() => {
                  setBase(conflict);
                  setDraft(toDraft(conflict));
                  setConflict(null);
                }}
              >
                Load their version
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  // Keep my draft, but base it on their version so the next save is deliberate.
                  setBase(conflict);
                  setConflict(null);
                }}
              >
                Keep my edits
              </Button>
            </div>
          </Alert>
        )}
        {error && <Alert>{error}</Alert>}
        <Field label="Title" error={fields.title}>
          {(p) => <Input {...p} value={draft.title} onChange={(e) => update({ title: e.target.value })} disabled={readOnly} maxLength={200} />}
        </Field>
        <div className="space-y-1">
          <div className="flex items-center justify-between">
            <span id="description-label" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
              Description
            </span>
            {!readOnly && (
              <div role="tablist" aria-label="Description mode" className="flex gap-1 text-xs">
                {(["write", "preview"] as const).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    role="tab"
                    aria-selected={tab === mode}
                    onClick={() => setTab(mode)}
                    className={cn("rounded px-2 py-0.5", tab === mode ? "bg-zinc-200 font-medium dark:bg-zinc-700" : "text-zinc-600 hover:bg-zinc-100 dark:hover:bg-zinc-800")}
                  >
                    {mode === "write" ? "Write" : "Preview"}
                  </button>
                ))}
              </div>
            )}
          </div>
          {tab === "write" && !readOnly ? (
            <Textarea
              aria-labelledby="description-label"
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
              rows={8}
              placeholder="Markdown: context, links, acceptance criteria…"
            />
          ) : (
            <div aria-labelledby="description-label" className="min-h-24 rounded-md border border-zinc-200 px-3 py-1 dark:border-zinc-700">
              {draft.description.trim() ? <Markdown>{draft.description}</Markdown> : <p className="py-2 text-sm text-zinc-600 dark:text-zinc-400">No description.</p>}
            </div>
          )}
          {fields.description && <p className="text-xs text-red-600">{fields.description[0]}</p>}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Lane" error={fields.lane}>
            {(p) => (
              <Select {...p} value={draft.lane} onChange={(e) => update({ lane: e.target.value as Lane })} disabled={readOnly}>
                {LANES.map((l) => (
                  <option key={l} value={l}>
                    {LANE_LABEL[l]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Status" error={fields.status}>
            {(p) => (
              <Select {...p} value={draft.status} onChange={(e) => update({ status: e.target.value as Status })} disabled={readOnly}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABEL[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Owner" error={fields.ownerId}>
            {(p) => (
              <Select {...p} value={draft.ownerId} onChange={(e) => update({ ownerId: e.target.value })} disabled={readOnly}>
                <option value="">Unassigned</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name ?? m.email}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Labels" error={fields.labels ?? Object.entries(fields).find(([k]) => k.startsWith("labels."))?.[1]} hint="Separate with commas.">
            {(p) => <Input {...p} value={draft.labels} onChange={(e) => update({ labels: e.target.value })} disabled={readOnly} placeholder="frontend, bug" />}
          </Field>
        </div>
        {!readOnly && (
          <div className="flex items-center justify-between gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <Button
              variant="ghost"
              className="text-red-700 dark:text-red-400"
              onClick={() => {
                remove.mutate(task);
                onClose();
              }}
            >
              Delete
            </Button>
            <div className="flex gap-2">
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={saving || conflict !== null}>
                {saving ? "Saving…" : "Save"}
              </Button>
            </div>
          </div>
        )}
      </form>
    </>
  );
}

const EVENT_TEXT: Record<string, string> = {
  created: "created the task",
  updated: "edited",
  moved: "moved it",
  deleted: "deleted it",
  restored: "restored it",
  triaged: "triaged it",
  over_delegated: "delegated it against the triage",
  gate_overridden: "overrode the readiness gate",
  spec_saved: "saved the spec",
  spec_restored: "restored a spec revision",
};

function describe(event: TaskEventData): string {
  const text = EVENT_TEXT[event.type] ?? event.type;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (event.type === "updated") return `${text} ${Object.keys(after).join(", ")}`;
  if (event.type === "over_delegated" || event.type === "gate_overridden") return `${text}: “${String(after.reason ?? "")}”`;
  if (event.type === "triaged") return `${text}: ${RECOMMENDATION_LABEL[after.recommendation as Recommendation] ?? "?"}`;
  if (event.type === "spec_saved" || event.type === "spec_restored") return `${text} (revision ${String(after.revision)}, score ${String(after.score)})`;
  if (event.type === "moved") {
    const lane = LANE_LABEL[after.lane as Lane] ?? after.lane;
    const status = STATUS_LABEL[after.status as Status] ?? after.status;
    return `${text} to ${lane} · ${status}`;
  }
  return text;
}

function History({ workspace, taskKey, version }: { workspace: string; taskKey: string; version: number }) {
  const { data, isPending, isError } = useQuery({
    queryKey: ["task-events", workspace, taskKey, version],
    queryFn: () => apiFetch<{ events: TaskEventData[] }>(`/api/w/${workspace}/tasks/${taskKey}/events`),
  });
  return (
    <section aria-label="History">
      <h3 className="sr-only">History</h3>
      {isPending ? (
        <div className="mt-2 space-y-2">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : isError ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">History is unavailable right now.</p>
      ) : (
        <ol className="mt-2 space-y-1.5">
          {data.events.map((event) => (
            <li key={event.id} className="text-xs text-zinc-600 dark:text-zinc-400">
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{event.actor?.name ?? event.actor?.email ?? "Someone"}</span> {describe(event)} ·{" "}
              <time dateTime={event.createdAt}>{new Date(event.createdAt).toLocaleString()}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const STAGES = ["assigned", "working", "submitted", "reviewed"] as const;

/** The agent's progress on the task: assigned → working → submitted → reviewed. */
function Lifecycle({ stage, at, agent, attempts }: { stage: (typeof STAGES)[number]; at: string | null; agent: string; attempts: number }) {
  const reached = STAGES.indexOf(stage);
  return (
    <ol aria-label={`${agent}: ${stage}`} className="-mt-2 mb-3 flex flex-wrap items-center gap-1 text-xs">
      <li className="mr-1 font-medium">{agent}</li>
      {STAGES.map((s, index) => (
        <li key={s} className="flex items-center gap-1">
          {index > 0 && <span aria-hidden className="text-zinc-400">→</span>}
          <span
            aria-current={s === stage ? "step" : undefined}
            className={cn(
              "rounded-full px-2 py-0.5",
              index < reached && "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
              index === reached && "bg-indigo-600 text-white",
              index > reached && "text-zinc-600 dark:text-zinc-400",
            )}
          >
            {s}
            {s === "submitted" && attempts > 0 ? ` (${attempts})` : ""}
          </span>
        </li>
      ))}
      {at && <li className="ml-1 text-zinc-600 dark:text-zinc-400">since {new Date(at).toLocaleString()}</li>}
    </ol>
  );
}
