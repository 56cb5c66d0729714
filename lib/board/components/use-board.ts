"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/lib/http/client";
import { useReasonPrompt } from "@/lib/task/components/reason-prompt";
import type { Lane, Reasons, Status } from "@/lib/task/schema";
import type { TaskCardData, TaskDetail } from "@/lib/task/types";
import { compareKeys, keyBetween } from "../ordering";
import type { BoardView } from "../types";
import { decodeBoard, type BoardWire } from "../wire";

export const boardQueryKey = (workspace: string, board: string) => ["board", workspace, board] as const;

export function useBoardQuery(initial: BoardWire) {
  const { slug } = initial.workspace;
  const { key } = initial.board;
  return useQuery({
    queryKey: boardQueryKey(slug, key),
    queryFn: async ({ signal }) => decodeBoard(await apiFetch<BoardWire>(`/api/w/${slug}/boards/${key}`, { signal })),
    initialData: () => decodeBoard(initial),
  });
}

function sortTasks(tasks: TaskCardData[]): TaskCardData[] {
  return [...tasks].sort((a, b) => compareKeys(a.position, b.position) || compareKeys(a.id, b.id));
}

/** Replaces (or adds) one task in the cached board. */
export function upsertTask(queryClient: QueryClient, queryKey: readonly unknown[], task: TaskCardData) {
  queryClient.setQueryData<BoardView>(queryKey, (view) => {
    if (!view) return view;
    const others = view.tasks.filter((t) => t.id !== task.id);
    const labels = [...new Set([...view.labels, ...task.labels])].sort();
    return { ...view, labels, tasks: sortTasks([...others, task]) };
  });
}

export function removeTask(queryClient: QueryClient, queryKey: readonly unknown[], id: string) {
  queryClient.setQueryData<BoardView>(queryKey, (view) => (view ? { ...view, tasks: view.tasks.filter((t) => t.id !== id) } : view));
}

export interface MoveVariables {
  task: TaskCardData;
  lane: Lane;
  status: Status;
  afterId: string | null;
  reasons?: Reasons;
}

/**
 * Moves are optimistic: the card lands at once and goes back, with a message, if the server says
 * no. It lands in the same task as the drop (not a tick later, in the mutation's onMutate), so that
 * the frame after the drop shows it in its new place and the board renders once for it.
 */
export function useMoveTask(workspace: string, board: string) {
  const queryClient = useQueryClient();
  const queryKey = boardQueryKey(workspace, board);
  const askReasons = useReasonPrompt();
  const mutation = useMutation({
    mutationKey: [...queryKey, "write"],
    mutationFn: ({ task, lane, status, afterId, reasons }: MoveVariables & { previous: BoardView | undefined }) =>
      apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${task.key}/move`, { method: "POST", body: { lane, status, afterId, ...reasons } }),
    onError: (error, { previous, ...variables }) => {
      if (previous) queryClient.setQueryData(queryKey, previous);
      // Refused (a conflict, a card gone): what this board shows may be out of date.
      void queryClient.invalidateQueries({ queryKey });
      // A move that needs a reason goes back, asks for it, and is made again with it.
      const prompt = askReasons(error);
      if (prompt) {
        void prompt.then((reasons) => reasons && move({ ...variables, reasons }));
        return;
      }
      toast.error(`Could not move ${variables.task.key}: ${error.message}`);
    },
    // The answer is the card as it now stands; the rest of the board is kept current by the live
    // stream, so a move does not read the whole board again.
    onSuccess: ({ task }) => upsertTask(queryClient, queryKey, task),
  });
  const { mutate } = mutation;
  function move(variables: MoveVariables) {
    const { task, lane, status, afterId } = variables;
    // A board read in flight would overwrite the move with what it read before it.
    void queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<BoardView>(queryKey);
    if (previous) {
      // The same placement rule as the server: after `afterId`, before the next card in the cell.
      const cell = previous.tasks.filter((t) => t.lane === lane && t.status === status && t.id !== task.id);
      const anchor = afterId ? cell.find((t) => t.id === afterId) : undefined;
      const before = anchor?.position ?? null;
      const next = cell.find((t) => before === null || t.position > before);
      const position = keyBetween(before, next?.position ?? null);
      upsertTask(queryClient, queryKey, { ...task, lane, status, position });
    }
    mutate({ ...variables, previous });
  }
  return { mutate: move };
}

export function useCreateTask(workspace: string, board: string) {
  const queryClient = useQueryClient();
  const queryKey = boardQueryKey(workspace, board);
  return useMutation({
    mutationKey: [...queryKey, "write"],
    mutationFn: (input: { title: string; lane: Lane; status: Status } & Reasons) =>
      apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks`, { method: "POST", body: { ...input, boardKey: board } }),
    onSuccess: ({ task }) => upsertTask(queryClient, queryKey, task),
  });
}

export function useDeleteTask(workspace: string, board: string) {
  const queryClient = useQueryClient();
  const queryKey = boardQueryKey(workspace, board);
  const restore = useMutation({
    mutationKey: [...queryKey, "write"],
    mutationFn: (task: TaskCardData) => apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${task.key}/restore`, { method: "POST" }),
    onSuccess: ({ task }) => {
      upsertTask(queryClient, queryKey, task);
      toast.success(`${task.key} restored`);
    },
    onError: (error) => toast.error(`Could not restore: ${error.message}`),
  });
  return useMutation({
    mutationKey: [...queryKey, "write"],
    mutationFn: (task: TaskCardData) => apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${task.key}`, { method: "DELETE" }),
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<BoardView>(queryKey);
      removeTask(queryClient, queryKey, task.id);
      return { previous };
    },
    onError: (error, task, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      toast.error(`Could not delete ${task.key}: ${error.message}`);
    },
    onSuccess: (_data, task) => {
      // A slip is cheap to undo: the delete is soft until someone restores it.
      toast(`Deleted ${task.key}`, {
        description: task.title,
        duration: 10_000,
        action: { label: "Undo", onClick: () => restore.mutate(task) },
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}

export type LiveStatus = "connecting" | "live" | "reconnecting";

/** A change announced on the workspace's stream (see app/api/w/[workspace]/events). */
interface TaskEvent {
  boardId: string;
  taskId: string;
  type: string;
  version: number;
  card?: { number: number; lane: Lane; status: Status; position: string; deleted: boolean };
}

/**
 * Subscribes to the workspace's server-sent events and keeps the cached board up to date by
 * patching it: a move is applied in place, any other change fetches just that card, and the whole
 * board is read again only after a gap (the stream says it missed changes, or an event that names
 * no card). A reconnecting stream replays what it missed (Last-Event-ID). While a drag or a write
 * is in flight the changes wait, so that they cannot undo an optimistic move halfway.
 */
export function useLiveBoard(view: BoardView, paused: boolean): LiveStatus {
  const { slug: workspace } = view.workspace;
  const { key: board, id: boardId } = view.board;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const pausedRef = useRef(paused);
  const flushRef = useRef<() => void>(() => {});
  /** A full read was dropped (a drag began) or asked for while busy: do it when free. */
  const rereadRef = useRef(false);
  // The stream replays from the first read of the board; later reads do not reopen it.
  const [since] = useState(view.liveSince);

  useEffect(() => {
    const queryKey = boardQueryKey(workspace, board);
    const pending = new Map<string, TaskEvent>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const busy = () => pausedRef.current || queryClient.isMutating({ mutationKey: [...queryKey, "write"] }) > 0;

    const fetchCard = async (taskId: string, key: string) => {
      try {
        const { task } = await apiFetch<{ task: TaskDetail }>(`/api/w/${workspace}/tasks/${key}`);
        const { description: _description, triage: _triage, ...card } = task;
        const cached = queryClient.getQueryData<BoardView>(queryKey)?.tasks.find((t) => t.id === taskId);
        if (!cached || cached.version <= card.version) upsertTask(queryClient, queryKey, card);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) removeTask(queryClient, queryKey, taskId);
        else void queryClient.invalidateQueries({ queryKey });
      }
    };

    const flush = () => {
      clearTimeout(timer);
      if (busy()) {
        // Looked at again shortly (and at once when a drag ends).
        timer = setTimeout(flush, 100);
        return;
      }
      if (rereadRef.current) {
        rereadRef.current = false;
        pending.clear();
        void queryClient.invalidateQueries({ queryKey });
        return;
      }
      const events = [...pending.values()];
      pending.clear();
      for (const event of events) {
        const cached = queryClient.getQueryData<BoardView>(queryKey)?.tasks.find((t) => t.id === event.taskId);
        const card = event.card;
        if (!card) {
          void queryClient.invalidateQueries({ queryKey });
          return;
        }
        const moved = event.type === "moved";
        // Newer than the change, or this board made the move (its answer is in the cache): nothing to do.
        if (cached && (cached.version > event.version || (moved && cached.version === event.version))) continue;
        if (card.deleted) removeTask(queryClient, queryKey, event.taskId);
        // Only the move since the cached copy: the card is known, just somewhere else.
        else if (moved && cached?.version === event.version - 1)
          upsertTask(queryClient, queryKey, { ...cached, lane: card.lane, status: card.status, position: card.position, version: event.version });
        // Anything else may change what the card shows without a new version (a spec's score, a
        // session, an attempt): fetch that one card.
        else void fetchCard(event.taskId, `${board}-${card.number}`);
      }
    };
    flushRef.current = flush;
    // Changes that arrive together are applied together, one render for a burst.
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(flush, 16);
    };

    const source = new EventSource(`/api/w/${workspace}/events?since=${encodeURIComponent(since)}`);
    let opened = false;
    source.addEventListener("open", () => {
      setStatus("live");
      opened = true;
    });
    source.addEventListener("error", () => {
      if (opened) setStatus("reconnecting");
    });
    source.addEventListener("gap", () => {
      rereadRef.current = true;
      schedule();
    });
    // Signed out elsewhere, or removed from the workspace: the server closed the stream for good.
    // A reload lets the server decide what this browser may still see (sign-in, or not found).
    source.addEventListener("access", () => {
      source.close();
      window.location.reload();
    });
    source.addEventListener("task", (message) => {
      try {
        const event = JSON.parse((message as MessageEvent<string>).data) as TaskEvent;
        if (event.boardId !== boardId) return;
        const earlier = pending.get(event.taskId);
        if (!earlier || earlier.version <= event.version) pending.set(event.taskId, event);
      } catch {
        rereadRef.current = true;
      }
      schedule();
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [workspace, board, boardId, since, queryClient]);

  useEffect(() => {
    pausedRef.current = paused;
    const queryKey = boardQueryKey(workspace, board);
    // A refetch already on its way when a drag starts would re-lay the board under the pointer
    // (a card added above shifts every cell down): drop it, and read again after the drop.
    if (paused && queryClient.isFetching({ queryKey }) > 0) {
      void queryClient.cancelQueries({ queryKey });
      rereadRef.current = true;
    }
    if (!paused) flushRef.current();
  }, [paused, workspace, board, queryClient]);

  return status;
}
