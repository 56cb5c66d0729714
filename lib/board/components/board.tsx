"use client";

import {
  closestCorners,
  DndContext,
  pointerWithin,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import dynamic from "next/dynamic";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { hasRole } from "@/lib/core/roles";
import { LANE_LABEL, LANES, STATUS_LABEL, STATUSES, type Lane, type Status } from "@/lib/task/schema";
import type { TaskDialog as TaskDialogComponent } from "@/lib/task/components/task-dialog";
import type { TaskCardData } from "@/lib/task/types";
import type { BoardWire } from "../wire";
import { BoardFilters, matchesFilter, type Filter } from "./board-filters";
import { Cell, cellName } from "./board-cell";
import { GripSymbol } from "./task-card";
import { useBoardQuery, useLiveBoard, useMoveTask } from "./use-board";

// The dialog (forms, history; its editor and diff viewer load by tab) is not needed to show the
// board: it loads when a card is first opened, out of the board's first bundle. Until it is
// there, the backdrop it will sit on.
/** The dialog once its code is loaded: rendered directly then, without suspending for a tick first. */
let loadedDialog: typeof TaskDialogComponent | null = null;
const loadTaskDialog = () => import("@/lib/task/components/task-dialog").then((m) => (loadedDialog = m.TaskDialog));
const LazyTaskDialog = dynamic(loadTaskDialog, {
  ssr: false,
  loading: () => <div aria-hidden className="fixed inset-0 z-40 bg-zinc-950/40" />,
});

/**
 * Fetches and evaluates the dialog's code once the board is idle, so that the first card opened
 * does not wait for it (the first open was the board's slowest interaction).
 */
function usePreloadedDialog() {
  useEffect(() => {
    const preload = () => void loadTaskDialog();
    if (typeof window.requestIdleCallback !== "function") {
      const timer = window.setTimeout(preload, 2_000);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(preload, { timeout: 5_000 });
    return () => window.cancelIdleCallback(handle);
  }, []);
}

type CellId = `${Lane}:${Status}`;
type Cells = Record<CellId, string[]>;

const cellId = (lane: Lane, status: Status): CellId => `${lane}:${status}`;
const isCellId = (id: UniqueIdentifier): id is CellId => typeof id === "string" && id.includes(":");
const parseCell = (id: CellId) => id.split(":") as [Lane, Status];
/**
 * Where a dragged card would land. With a pointer: in the cell under the pointer, measured live
 * (a card entering a cell makes it taller and moves every lane below it, which dnd-kit's cached
 * rects do not follow), at the card under the pointer among that cell's cards only. Looking at
 * one cell's cards rather than all of a thousand-card board keeps each pointer move cheap. Off
 * every cell, the nearest cell. The keyboard has no pointer and moves by corners, cell to cell.
 */
function pointerFirst(cells: Cells): CollisionDetection {
  return (args) => {
    const pointer = args.pointerCoordinates;
    if (!pointer) return closestCorners(args);
    const cellContainers = args.droppableContainers.filter((container) => isCellId(container.id));
    const live: Parameters<CollisionDetection>[0]["droppableRects"] = new Map();
    for (const cell of cellContainers) {
      const rect = cell.node.current?.getBoundingClientRect();
      if (rect) live.set(cell.id, rect);
    }
    const hit = cellContainers.find((cell) => {
      const rect = live.get(cell.id);
      return rect !== undefined && pointer.x >= rect.left && pointer.x <= rect.right && pointer.y >= rect.top && pointer.y <= rect.bottom;
    });
    if (!hit) return closestCorners({ ...args, droppableContainers: cellContainers, droppableRects: live });
    const ids = new Set(cells[hit.id as CellId]);
    const cards = args.droppableContainers.filter((container) => ids.has(String(container.id)));
    const [card] = pointerWithin({ ...args, droppableContainers: cards });
    return [card ?? { id: hit.id, data: { droppableContainer: hit, value: 0 } }];
  };
}
// Untriaged first: new work lands there before someone decides how it will be done.
const LANE_ORDER: Lane[] = ["untriaged", "delegate", "leverage"];
const LANE_HINT: Record<Lane, string> = {
  untriaged: "Not yet decided",
  delegate: "Known work for agents",
  leverage: "Pair with AI, one session",
};

function groupIntoCells(tasks: TaskCardData[]): Cells {
  const cells = Object.fromEntries(LANES.flatMap((l) => STATUSES.map((s) => [cellId(l, s), [] as string[]]))) as Cells;
  for (const task of tasks) cells[cellId(task.lane, task.status)].push(task.id);
  return cells;
}

/**
 * Each cell's cards. A cell keeps its array from the last render when its cards are the same ones,
 * so that a drop, a live patch or a drag across two cells re-renders those cells only: every cell is
 * memoised, and on a thousand-card board re-rendering them all was most of a drop's time.
 */
function useCellTasks(cells: Cells, byId: Map<string, TaskCardData>): Record<CellId, TaskCardData[]> {
  const [previous] = useState(() => new Map<CellId, TaskCardData[]>());
  return useMemo(() => {
    const next = {} as Record<CellId, TaskCardData[]>;
    for (const id of Object.keys(cells) as CellId[]) {
      const tasks = cells[id].flatMap((taskId) => byId.get(taskId) ?? []);
      const before = previous.get(id);
      next[id] = before && before.length === tasks.length && before.every((task, i) => task === tasks[i]) ? before : tasks;
      previous.set(id, next[id]);
    }
    return next;
  }, [cells, byId, previous]);
}

function findCell(cells: Cells, id: UniqueIdentifier): CellId | undefined {
  if (isCellId(id)) return id;
  return (Object.keys(cells) as CellId[]).find((cell) => cells[cell].includes(String(id)));
}

export function Board({ initial }: { initial: BoardWire }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data: view } = useBoardQuery(initial);
  const slug = view.workspace.slug;
  const boardKey = view.board.key;
  const readOnly = !hasRole(view.role, "member");

  const filter: Filter = {
    q: searchParams.get("q") ?? "",
    owner: searchParams.get("owner") ?? "",
    label: searchParams.get("label") ?? "",
    agent: searchParams.get("agent") ?? "",
  };
  const openKey = searchParams.get("task");
  const setParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      // Filters and the open task are view state: a shallow history update changes the URL (and
      // useSearchParams) at once, without asking the server to render the board again.
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname, searchParams],
  );

  const byId = useMemo(() => new Map(view.tasks.map((t) => [t.id, t])), [view.tasks]);
  const visible = useMemo(() => view.tasks.filter((t) => matchesFilter(t, filter)), [view.tasks, filter.q, filter.owner, filter.label, filter.agent]); // eslint-disable-line react-hooks/exhaustive-deps
  const baseCells = useMemo(() => groupIntoCells(visible), [visible]);

  const [drag, setDrag] = useState<{ activeId: string; from: CellId; cells: Cells } | null>(null);
  const cells = drag?.cells ?? baseCells;
  const cellTasks = useCellTasks(cells, byId);
  const collisionDetection = useMemo(() => pointerFirst(cells), [cells]);
  const move = useMoveTask(slug, boardKey);
  const live = useLiveBoard(view, drag !== null);
  usePreloadedDialog();

  // Left and Right move a card to the neighbouring column of the same lane (dnd-kit's default
  // picks the nearest droppable in that direction, which can be in another lane); Up and Down
  // keep the default: within the cell, then into the lane above or below.
  const dragRef = useRef(drag);
  useEffect(() => {
    dragRef.current = drag;
  }, [drag]);
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>((event, args) => {
    const current = dragRef.current;
    if ((event.code === "ArrowRight" || event.code === "ArrowLeft") && current) {
      event.preventDefault();
      const cell = findCell(current.cells, current.activeId);
      if (!cell) return undefined;
      const [lane, status] = parseCell(cell);
      const next = STATUSES[STATUSES.indexOf(status) + (event.code === "ArrowRight" ? 1 : -1)];
      const rect = next ? args.context.droppableRects.get(cellId(lane, next)) : undefined;
      return rect ? { x: rect.left, y: rect.top } : undefined;
    }
    return sortableKeyboardCoordinates(event, args);
  }, []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  function onDragStart({ active }: DragStartEvent) {
    const from = findCell(baseCells, active.id);
    if (!from) return;
    const state = { activeId: String(active.id), from, cells: baseCells };
    // The keyboard coordinate getter reads the ref; set it now, not after the next render, so that
    // an arrow key pressed right after picking a card up already knows the card's lane.
    dragRef.current = state;
    setDrag(state);
  }

  // Crossing into another cell moves the card there at once, so the cards make room for it.
  function onDragOver({ active, over }: DragOverEvent) {
    const current = dragRef.current;
    if (!current || !over) return;
    const fromCell = findCell(current.cells, active.id);
    const toCell = findCell(current.cells, over.id);
    if (!fromCell || !toCell || fromCell === toCell) return;
    const source = current.cells[fromCell].filter((id) => id !== active.id);
    const target = [...current.cells[toCell]];
    const overIndex = isCellId(over.id) ? target.length : target.indexOf(String(over.id));
    target.splice(overIndex < 0 ? target.length : overIndex, 0, String(active.id));
    const next = { ...current, cells: { ...current.cells, [fromCell]: source, [toCell]: target } };
    dragRef.current = next;
    setDrag(next);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const state = dragRef.current ?? drag;
    dragRef.current = null;
    setDrag(null);
    if (!state || !over) return;
    const cell = findCell(state.cells, active.id);
    if (!cell) return;
    let list = state.cells[cell];
    const from = list.indexOf(String(active.id));
    const to = isCellId(over.id) ? from : list.indexOf(String(over.id));
    if (to >= 0 && from !== to) list = arrayMove(list, from, to);
    const index = list.indexOf(String(active.id));
    const task = byId.get(String(active.id));
    if (!task) return;
    const [lane, status] = parseCell(cell);
    const originalIndex = baseCells[state.from].indexOf(task.id);
    if (cell === state.from && index === originalIndex) return;
    move.mutate({ task, lane, status, afterId: index > 0 ? (list[index - 1] ?? null) : null });
  }

  const titleOf = (id: UniqueIdentifier) => {
    const task = byId.get(String(id));
    return task ? `${task.key} ${task.title}` : "task";
  };
  // Where a card would land if dropped now: the cell under it, and the slot of the card it is over.
  const where = (overId: UniqueIdentifier | undefined) => {
    if (!drag || overId === undefined) return "";
    const cell = findCell(drag.cells, overId);
    if (!cell) return "";
    const [lane, status] = parseCell(cell);
    const list = drag.cells[cell];
    const index = isCellId(overId) ? list.length - 1 : list.indexOf(String(overId));
    return `${cellName(lane, status)}, position ${Math.max(index, 0) + 1} of ${Math.max(list.length, 1)}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}. Use the arrow keys to move, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${where(over.id)}.` : `${titleOf(active.id)} is no longer over a cell.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${titleOf(active.id)} in ${where(over.id)}.` : `Dropped ${titleOf(active.id)}.`),
    onDragCancel: ({ active }) => `Cancelled. ${titleOf(active.id)} went back where it was.`,
  };

  const openTask = openKey ? view.tasks.find((t) => t.key === openKey) : undefined;
  // Once its code is loaded (the board preloads it when idle), the dialog renders directly: the
  // lazy wrapper would suspend for a tick and open it in two renders and two style passes. Chosen
  // as a card opens and kept while it is open: switching would remount it and lose unsaved edits.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const TaskDialog = useMemo(() => loadedDialog ?? LazyTaskDialog, [openKey]);
  // Stable, so that the memoised card bodies do not re-render on every drag move.
  const openCard = useCallback((task: TaskCardData) => setParams({ task: task.key }), [setParams]);
  const shown = visible.length;
  const total = view.tasks.length;

  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-base font-semibold">
          {view.board.name} <span className="font-mono text-xs font-normal text-zinc-600 dark:text-zinc-400">{view.board.key}</span>
        </h1>
        <BoardFilters filter={filter} members={view.members} labels={view.labels} agents={view.agents} onChange={setParams} />
        <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {shown === total ? `${total} tasks` : `${shown} of ${total} tasks`}
        </p>
        <span className="ml-auto flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400" role="status">
          <span aria-hidden className={cn("size-2 rounded-full", live === "live" ? "bg-emerald-500" : "bg-amber-500")} />
          {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
      </div>
      {readOnly && (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          You have view-only access to this workspace.
        </p>
      )}
      {total === 0 && (
        <p className="px-4 pt-3 text-sm text-zinc-600 dark:text-zinc-400">
          This board is empty. {readOnly ? "Nothing to see yet." : "Use “Add task” in any cell to create the first task."}
        </p>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          dragRef.current = null;
          setDrag(null);
        }}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: "To move a task, press Space or Enter. Use the arrow keys to move it between cells and within a cell, Space or Enter to drop, Escape to cancel.",
          },
        }}
      >
        {!readOnly && <GripSymbol />}
        <div className="flex-1 overflow-auto p-4">
          <div className="min-w-[68rem]">
            <div className="grid grid-cols-[7.5rem_repeat(5,minmax(12rem,1fr))] gap-2 pb-2" aria-hidden>
              <span />
              {STATUSES.map((s) => (
                <span key={s} className="px-2 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
                  {STATUS_LABEL[s]}
                </span>
              ))}
            </div>
            {LANE_ORDER.map((lane) => (
              <section
                key={lane}
                aria-label={LANE_LABEL[lane]}
                className={cn(
                  "mb-3 grid grid-cols-[7.5rem_repeat(5,minmax(12rem,1fr))] gap-2 rounded-xl p-2",
                  lane === "delegate" && "bg-indigo-50/70 dark:bg-indigo-950/30",
                  lane === "leverage" && "bg-amber-50/70 dark:bg-amber-950/20",
                  lane === "untriaged" && "bg-zinc-100/80 dark:bg-zinc-900/60",
                )}
              >
                <div className="px-1 pt-1">
                  <h2 className="text-sm font-semibold">{LANE_LABEL[lane]}</h2>
                  <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{LANE_HINT[lane]}</p>
                </div>
                {STATUSES.map((status) => (
                  <Cell
                    key={status}
                    id={cellId(lane, status)}
                    workspace={slug}
                    board={boardKey}
                    lane={lane}
                    status={status}
                    specThreshold={view.specThreshold}
                    loopLimit={view.loopLimit}
                    tasks={cellTasks[cellId(lane, status)]}
                    readOnly={readOnly}
                    compact={lane === "untriaged"}
                    // Only the cell holding the dragged card hears of it: the others stay memoised.
                    activeId={drag && cells[cellId(lane, status)].includes(drag.activeId) ? drag.activeId : null}
                    onOpen={openCard}
                  />
                ))}
              </section>
            ))}
          </div>
        </div>
      </DndContext>
      {openKey && (
        <TaskDialog
          key={openKey}
          workspace={slug}
          board={boardKey}
          taskKey={openKey}
          task={openTask}
          members={view.members}
          role={view.role}
          viewerId={view.viewerId}
          specThreshold={view.specThreshold}
          agents={view.agents}
          onClose={() => setParams({ task: null })}
        />
      )}
    </div>
  );
}
