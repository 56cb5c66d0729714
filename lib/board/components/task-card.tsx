"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo } from "react";
import { cn } from "@/components/ui/cn";
import { PHASE_LABELS } from "@/lib/session/rules";
import { Avatar } from "@/components/ui/misc";
import type { TaskCardData } from "@/lib/task/types";

const LANE_STRIPE = { untriaged: "bg-untriaged", delegate: "bg-delegate", leverage: "bg-leverage" } as const;

interface Props {
  task: TaskCardData;
  readOnly: boolean;
  specThreshold: number;
  loopLimit: number;
  onOpen: (task: TaskCardData) => void;
}

const STAGE_TEXT = { assigned: "assigned", working: "working", submitted: "in review", reviewed: "reviewed" } as const;

const RECOMMENDATION_BADGE = {
  delegate: { text: "Triage: delegate", className: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" },
  leverage: { text: "Triage: leverage", className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  unclear: { text: "Triage: unclear", className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
} as const;

export function TaskCard({ task, readOnly, specThreshold, loopLimit, onOpen }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: readOnly,
  });
  // Pointer drags start anywhere on the card; keyboard drags start from the handle, so that
  // Enter and Space on the card itself still open it.
  const onPointerDown = readOnly ? undefined : (listeners?.onPointerDown as React.PointerEventHandler | undefined);
  const onKeyDown = readOnly ? undefined : (listeners?.onKeyDown as React.KeyboardEventHandler | undefined);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        "group relative flex rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-700/70 dark:bg-zinc-900",
        isDragging && "z-10 opacity-60 shadow-lg ring-2 ring-indigo-400",
        !readOnly && "cursor-grab active:cursor-grabbing",
      )}
      onPointerDown={onPointerDown}
    >
      <span aria-hidden className={cn("w-1 shrink-0 rounded-l-lg", LANE_STRIPE[task.lane])} />
      <CardBody task={task} specThreshold={specThreshold} loopLimit={loopLimit} onOpen={onOpen} />
      {!readOnly && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          onKeyDown={onKeyDown}
          aria-label={`Move ${task.key}`}
          className="absolute top-1 right-1 rounded p-1 text-zinc-400 opacity-0 group-hover:opacity-100 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:opacity-100 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
        >
          <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden>
            <path d="M7 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm0 6a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 16a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z" />
          </svg>
        </button>
      )}
    </li>
  );
}

/**
 * What the card shows. Memoised: while a card is dragged, dnd-kit re-renders every sortable on
 * each pointer move, and on a board of a thousand cards only their transforms should change.
 */
const CardBody = memo(function CardBody({ task, specThreshold, loopLimit, onOpen }: Omit<Props, "readOnly">) {
  return (
    <button
      type="button"
      onClick={() => onOpen(task)}
      className="min-w-0 flex-1 rounded-r-lg px-2.5 py-2 text-left focus-visible:outline-offset-[-2px]"
    >
      <span className="block font-mono text-[0.6875rem] text-zinc-600 dark:text-zinc-400">{task.key}</span>
      <span className="mt-0.5 block text-sm leading-snug font-medium text-zinc-900 dark:text-zinc-100">{task.title}</span>
      {(task.triaged || (task.lane === "delegate" && task.specScore !== null)) && (
        <span className="mt-1.5 flex flex-wrap gap-1">
          {task.triaged && (
            <span className={cn("rounded px-1.5 py-0.5 text-[0.6875rem] font-medium", RECOMMENDATION_BADGE[task.recommendation].className)}>
              {RECOMMENDATION_BADGE[task.recommendation].text}
            </span>
          )}
          {task.lane === "delegate" && task.specScore !== null && (
            <span
              className={cn(
                "rounded px-1.5 py-0.5 text-[0.6875rem] font-medium",
                task.specScore >= specThreshold
                  ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
                  : "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
              )}
            >
              Spec {task.specScore}/100
            </span>
          )}
        </span>
      )}
      {task.agent && (
        <span className="mt-1.5 flex flex-wrap items-center gap-1 text-[0.6875rem] text-zinc-700 dark:text-zinc-300">
          <span className="inline-flex items-center gap-1 rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200">
            <svg viewBox="0 0 16 16" className="size-3" fill="currentColor" aria-hidden>
              <path d="M8 1a1 1 0 0 1 1 1v1h2.5A2.5 2.5 0 0 1 14 5.5v5a2.5 2.5 0 0 1-2.5 2.5h-7A2.5 2.5 0 0 1 2 10.5v-5A2.5 2.5 0 0 1 4.5 3H7V2a1 1 0 0 1 1-1ZM5.5 7a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm5 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z" />
            </svg>
            {task.agent.name}
          </span>
          {task.lifecycle && (
            <span>
              {STAGE_TEXT[task.lifecycle.stage]}
              {task.attempts > 0 && ` · attempt ${task.attempts}`}
            </span>
          )}
          {(task.attempts > 0 || task.loopCount > 0) && (
            <span
              title={`Review loops used: ${task.loopCount} of ${loopLimit}`}
              className={cn("ml-auto rounded px-1 font-mono", task.loopCount >= loopLimit ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-zinc-100 dark:bg-zinc-800")}
            >
              <span className="sr-only">Review loops </span>
              {task.loopCount}/{loopLimit}
            </span>
          )}
        </span>
      )}
      {task.session && (
        <span className="mt-1.5 flex items-center gap-1 text-[0.6875rem]">
          <span
            className={cn(
              "inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium",
              task.session.state === "active" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
            )}
          >
            {task.session.state === "active" && <span aria-hidden className="size-1.5 rounded-full bg-emerald-600 dark:bg-emerald-400" />}
            {task.session.state === "active" ? "In session" : "Session paused"}: {task.session.person.name ?? task.session.person.email} · {PHASE_LABELS[task.session.phase]}
          </span>
        </span>
      )}
      {(task.labels.length > 0 || task.owner) && (
        <span className="mt-2 flex items-center gap-1.5">
          <span className="flex min-w-0 flex-1 flex-wrap gap-1">
            {task.labels.map((label) => (
              <span key={label} className="rounded bg-zinc-100 px-1.5 py-0.5 text-[0.6875rem] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {label}
              </span>
            ))}
          </span>
          {task.owner && (
            <>
              <span className="sr-only">Owner: {task.owner.name ?? task.owner.email}</span>
              <Avatar name={task.owner.name ?? task.owner.email} />
            </>
          )}
        </span>
      )}
    </button>
  );
});
