"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useCallback } from "react";
import { cn } from "@/components/ui/cn";
import { PHASE_LABELS } from "@/lib/session/rules";
import { Avatar } from "@/components/ui/misc";
import type { TaskCardData } from "@/lib/task/types";

const LANE_STRIPE = { untriaged: "bg-untriaged", delegate: "bg-delegate", leverage: "bg-leverage" } as const;

interface Props {
  task: TaskCardData;
  /** Its place in the cell, and the cell's size: a long cell renders only some of its cards. */
  index: number;
  setSize: number;
  /** The cell's virtualiser measures each rendered card. */
  measureRef: (node: HTMLElement | null) => void;
  readOnly: boolean;
  specThreshold: number;
  loopLimit: number;
  onOpen: (task: TaskCardData) => void;
}

/** The drag handle's grip, drawn once per board (GripSymbol) and used by every card. */
const GRIP_ID = "card-grip";

export function GripSymbol() {
  return (
    <svg aria-hidden className="absolute size-0 overflow-hidden">
      <symbol id={GRIP_ID} viewBox="0 0 20 20" fill="currentColor">
        <path d="M7 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm0 6a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 16a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z" />
      </symbol>
    </svg>
  );
}

const STAGE_TEXT = { assigned: "assigned", working: "working", submitted: "in review", reviewed: "reviewed" } as const;

const RECOMMENDATION_BADGE = {
  delegate: { text: "Triage: delegate", className: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" },
  leverage: { text: "Triage: leverage", className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  unclear: { text: "Triage: unclear", className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
} as const;

export function TaskCard({ task, index, setSize, measureRef, readOnly, specThreshold, loopLimit, onOpen }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: readOnly,
  });
  const ref = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      measureRef(node);
    },
    [setNodeRef, measureRef],
  );
  // Pointer drags start anywhere on the card; keyboard drags start from the handle, so that
  // Enter and Space on the card itself still open it.
  const onPointerDown = readOnly ? undefined : (listeners?.onPointerDown as React.PointerEventHandler | undefined);
  const onKeyDown = readOnly ? undefined : (listeners?.onKeyDown as React.KeyboardEventHandler | undefined);
  return (
    <li
      ref={ref}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        "card", // app/globals.css
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
          className="card-handle"
        >
          <svg className="size-3.5" aria-hidden>
            <use href={`#${GRIP_ID}`} />
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
const CardBody = memo(function CardBody({ task, specThreshold, loopLimit, onOpen }: Pick<Props, "task" | "specThreshold" | "loopLimit" | "onOpen">) {
  return (
    <button
      type="button"
      onClick={() => onOpen(task)}
      className="card-body"
    >
      <span className="card-key">{task.key}</span>
      <span className="card-title">{task.title}</span>
      {(task.triaged || (task.lane === "delegate" && task.specScore !== null)) && (
        <span className="mt-1.5 flex flex-wrap gap-1">
          {task.triaged && (
            <span className={cn("card-chip", RECOMMENDATION_BADGE[task.recommendation].className)}>
              {RECOMMENDATION_BADGE[task.recommendation].text}
            </span>
          )}
          {task.lane === "delegate" && task.specScore !== null && (
            <span
              className={cn(
                "card-chip",
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
              <span key={label} className="card-label">
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
