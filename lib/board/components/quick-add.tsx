"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/field";
import { useReasonPrompt } from "@/lib/task/components/reason-prompt";
import type { Lane, Reasons, Status } from "@/lib/task/schema";
import { useCreateTask } from "./use-board";

interface Props {
  workspace: string;
  board: string;
  lane: Lane;
  status: Status;
  cellName: string;
  /** Told the new task's id, so that the cell can bring it into view. */
  onCreated?: (id: string) => void;
}

/** "Add task" in a cell: type a title, Enter to add (and keep adding), Escape to stop. */
export function QuickAdd({ workspace, board, lane, status, cellName, onCreated }: Props) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const create = useCreateTask(workspace, board);
  const askReasons = useReasonPrompt();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    let reasons: Reasons = {};
    // At most one round of asking: the server names every reason it needs at once.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const { task } = await create.mutateAsync({ title, lane, status, ...reasons });
        setTitle("");
        onCreated?.(task.id);
        toast.success(`Created ${task.key}`);
        return;
      } catch (error) {
        const prompt = attempt === 0 ? askReasons(error) : null;
        const given = prompt ? await prompt : null;
        if (!given) {
          if (!prompt) toast.error(error instanceof Error ? error.message : "Could not add the task.");
          return;
        }
        reasons = given;
      }
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Add task to ${cellName}`}
        className="mt-1 flex w-full items-center gap-1 rounded-md px-2 py-1 text-left text-xs text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        <span aria-hidden>+</span> Add task
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mt-1">
      <Input
        autoFocus
        aria-label={`New task title in ${cellName}`}
        placeholder="Task title, then Enter"
        value={title}
        maxLength={200}
        disabled={create.isPending}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setOpen(false);
            setTitle("");
          }
        }}
        onBlur={() => {
          if (!title.trim()) setOpen(false);
        }}
        className="h-8 text-sm"
      />
    </form>
  );
}
