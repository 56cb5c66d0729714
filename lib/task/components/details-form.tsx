"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import { Alert } from "@/components/ui/misc";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { boardQueryKey, upsertTask, useDeleteTask } from "@/lib/board/components/use-board";
import { ApiError, apiFetch } from "@/lib/http/client";
import { LANE_LABEL, LANES, STATUS_LABEL, STATUSES, type Lane, type Reasons, type Status } from "../schema";
import type { TaskCardData, TaskDetail, TaskPerson } from "../types";
import { useReasonPrompt } from "./reason-prompt";

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

const DESCRIPTION_TABS = [
  { value: "write", label: "Write" },
  { value: "preview", label: "Preview" },
] as const;

function DescriptionPreview({ text }: { text: string }) {
  return (
    <div aria-labelledby="description-label" className="min-h-24 rounded-md border border-zinc-200 px-3 py-1 dark:border-zinc-700">
      {text.trim() ? <Markdown>{text}</Markdown> : <p className="py-2 text-sm text-zinc-600 dark:text-zinc-400">No description.</p>}
    </div>
  );
}

/** The task's own fields, saved together against the version they were based on. */
export function DetailsForm({ workspace, board, task, members, readOnly, onClose }: { workspace: string; board: string; task: TaskDetail; members: TaskPerson[]; readOnly: boolean; onClose: () => void }) {
  const askReasons = useReasonPrompt();
  const queryClient = useQueryClient();
  // The version the draft is based on; a save names it so a stale save cannot overwrite anyone.
  const [base, setBase] = useState(task);
  const { register, handleSubmit, reset, setError, control, formState } = useForm<Draft>({ defaultValues: toDraft(task) });
  const errors = formState.errors;
  const [tab, setTab] = useState<"write" | "preview">(readOnly ? "preview" : "write");
  const [conflict, setConflict] = useState<TaskDetail | null>(null);
  const [message, setMessage] = useState<string>();
  const remove = useDeleteTask(workspace, board);

  async function save(draft: Draft, reasons: Reasons = {}): Promise<void> {
    setMessage(undefined);
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
      const prompt = Object.keys(reasons).length === 0 ? askReasons(caught) : null;
      if (prompt) {
        const given = await prompt;
        if (given) await save(draft, given);
        return;
      }
      if (caught instanceof ApiError && caught.code === "conflict" && caught.body?.current) {
        setConflict(caught.body.current as TaskDetail);
        upsertTask(queryClient, boardQueryKey(workspace, board), caught.body.current as TaskDetail);
      } else if (caught instanceof ApiError && caught.fields) {
        // The server's field errors go under their fields ("labels.2" is the labels field).
        for (const [key, messages] of Object.entries(caught.fields)) {
          const field = key.split(".")[0] as keyof Draft;
          if (field in toDraft(task)) setError(field, { message: messages[0] });
          else setMessage(messages[0]);
        }
      } else {
        setMessage(caught instanceof Error ? caught.message : "Could not save.");
      }
    }
  }

  const description = useWatch({ control, name: "description" });
  return (
    <>
      <form onSubmit={handleSubmit((draft) => save(draft))} className="space-y-4" noValidate>
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
                  reset(toDraft(conflict));
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
        {message && <Alert>{message}</Alert>}
        <Field label="Title" error={errors.title?.message}>
          {(p) => <Input {...p} {...register("title")} disabled={readOnly} maxLength={200} />}
        </Field>
        <div className="space-y-1">
          <div className="flex items-center justify-between">
            <span id="description-label" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
              Description
            </span>
          </div>
          {readOnly ? (
            <DescriptionPreview text={description} />
          ) : (
            <Tabs value={tab} onValueChange={setTab} label="Description mode" variant="pill" listClassName="mb-1.5 text-xs" tabs={DESCRIPTION_TABS}>
              <TabPanel value="write">
                <Textarea aria-labelledby="description-label" {...register("description")} rows={8} placeholder="Markdown: context, links, acceptance criteria…" />
              </TabPanel>
              <TabPanel value="preview">
                <DescriptionPreview text={description} />
              </TabPanel>
            </Tabs>
          )}
          {errors.description && <p className="text-xs text-red-600">{errors.description.message}</p>}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Lane" error={errors.lane?.message}>
            {(p) => (
              <Select {...p} {...register("lane")} disabled={readOnly}>
                {LANES.map((l) => (
                  <option key={l} value={l}>
                    {LANE_LABEL[l]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Status" error={errors.status?.message}>
            {(p) => (
              <Select {...p} {...register("status")} disabled={readOnly}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABEL[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Owner" error={errors.ownerId?.message}>
            {(p) => (
              <Select {...p} {...register("ownerId")} disabled={readOnly}>
                <option value="">Unassigned</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name ?? m.email}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Labels" error={errors.labels?.message} hint="Separate with commas.">
            {(p) => <Input {...p} {...register("labels")} disabled={readOnly} placeholder="frontend, bug" />}
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
              <Button type="submit" variant="primary" disabled={formState.isSubmitting || conflict !== null}>
                {formState.isSubmitting ? "Saving…" : "Save"}
              </Button>
            </div>
          </div>
        )}
      </form>
    </>
  );
}

