"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { useHydrated } from "@/components/ui/use-hydrated";
import { LANE_LABEL, STATUS_LABEL, type Lane, type Status } from "@/lib/task/schema";
import type { TaskCardData } from "@/lib/task/types";
import { QuickAdd } from "./quick-add";
import { TaskCard } from "./task-card";

/** Cells up to this size render every card: virtualising buys nothing there, and find-in-page keeps working. */
const RENDER_ALL = 20;
/**
 * Cards rendered beyond a long cell's visible part, so that scrolling and keyboard moves find them
 * there. None in the server's HTML (and so in the hydrating render, which must match it): the
 * first paint needs only what shows.
 */
const OVERSCAN = 2;
/** A card's height before it is measured (a title line, a badge row): used only for the unrendered part. */
const ESTIMATED_CARD_PX = 76;
const GAP_PX = 6;
/** The tallest a cell grows before it scrolls on its own (30rem); the server renders what fits in it. */
const MAX_CELL_PX = 480;

export const cellName = (lane: Lane, status: Status) => `${LANE_LABEL[lane]} · ${STATUS_LABEL[status]}`;

export interface CellProps {
  id: string;
  workspace: string;
  board: string;
  lane: Lane;
  status: Status;
  /** The cell's cards in order (the same array while they are the same cards: the cell is memoised). */
  tasks: TaskCardData[];
  specThreshold: number;
  loopLimit: number;
  readOnly: boolean;
  compact: boolean;
  /** The card being dragged, when it is in this cell: it stays rendered wherever the cell scrolls. */
  activeId: string | null;
  onOpen: (task: TaskCardData) => void;
}

/**
 * One lane × status cell: a droppable, sortable list of cards. A long cell scrolls on its own and
 * renders only the cards in and near its visible part (decision 46), in normal flow between two
 * paddings that stand for the rest, so that the server-rendered cards do not move when measured.
 */
export const Cell = memo(function Cell(props: CellProps) {
  const { id, workspace, board, lane, status, tasks, specThreshold, loopLimit, readOnly, compact, activeId, onOpen } = props;
  const taskIds = useMemo(() => tasks.map((task) => task.id), [tasks]);
  const name = cellName(lane, status);
  const { setNodeRef, isOver } = useDroppable({ id, disabled: readOnly });
  const scrollRef = useRef<HTMLDivElement>(null);
  const activeIndex = activeId ? taskIds.indexOf(activeId) : -1;
  const rangeExtractor = useCallback(
    (range: Range) => {
      if (range.count <= RENDER_ALL) return Array.from({ length: range.count }, (_, i) => i);
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || indexes.length === 0) return indexes;
      // The dragged card must stay mounted (dnd-kit follows its node), and the rendered cards must
      // stay one run for the paddings: stretch the run to reach it.
      const from = Math.min(indexes[0]!, activeIndex);
      const to = Math.max(indexes[indexes.length - 1]!, activeIndex);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    },
    [activeIndex],
  );
  const hydrated = useHydrated();
  const virtualizer = useVirtualizer({
    count: taskIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => taskIds[index] ?? index,
    overscan: hydrated ? OVERSCAN : 0,
    gap: GAP_PX,
    rangeExtractor,
    // On the server (and in the first client render, which must match it) the cell is as tall as it may grow.
    initialRect: { width: 240, height: MAX_CELL_PX },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const paddingTop = first ? first.start : 0;
  const paddingBottom = last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0;

  // A card added here comes into view once it is in the list (it may land below the visible part).
  const [reveal, setReveal] = useState<string | null>(null);
  const revealIndex = reveal ? taskIds.indexOf(reveal) : -1;
  useEffect(() => {
    if (revealIndex < 0) return;
    virtualizer.scrollToIndex(revealIndex, { align: "auto" });
    setReveal(null);
  }, [revealIndex, virtualizer]);

  // The whole cell, its "Add task" footer included, takes a dropped card.
  return (
    <div ref={setNodeRef} className={cn("flex min-w-0 flex-col rounded-lg p-1", isOver && "bg-indigo-100/60 dark:bg-indigo-900/30")}>
      <SortableContext id={id} items={taskIds} strategy={verticalListSortingStrategy}>
        <div ref={scrollRef} className="-mx-1 overflow-y-auto px-1 [overflow-anchor:none]" style={{ maxHeight: MAX_CELL_PX }}>
          <ul aria-label={name} className={cn("flex flex-col gap-1.5", compact ? "min-h-8" : "min-h-16")} style={{ paddingTop, paddingBottom }}>
            {items.map((item) => {
              const task = tasks[item.index];
              return task ? (
                <TaskCard
                  key={task.id}
                  task={task}
                  index={item.index}
                  setSize={taskIds.length}
                  measureRef={virtualizer.measureElement}
                  readOnly={readOnly}
                  specThreshold={specThreshold}
                  loopLimit={loopLimit}
                  onOpen={onOpen}
                />
              ) : null;
            })}
          </ul>
        </div>
      </SortableContext>
      {taskIds.length > RENDER_ALL && (
        <p className="px-2 pt-1 text-right text-[0.6875rem] text-zinc-600 tabular-nums dark:text-zinc-400">{taskIds.length.toLocaleString("en")} cards · scroll for more</p>
      )}
      {!readOnly && <QuickAdd workspace={workspace} board={board} lane={lane} status={status} cellName={name} onCreated={setReveal} />}
    </div>
  );
});
