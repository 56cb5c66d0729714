"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { apiFetch } from "@/lib/http/client";
import { useReasonPrompt } from "@/lib/task/components/reason-prompt";
import type { Lane, Reasons, Status } from "@/lib/task/schema";
import type { TaskCardData } from "@/lib/task/types";
import { compareKeys, keyBetween } from "../ordering";
import type { BoardView } from "../types";

export const boardQueryKey = (workspace: string, board: string) => ["board", workspace, board] as const;

export function useBoardQuery(initial: BoardView) {
  const { slug } = initial.workspace;
  const { key } = initial.board;
  return useQuery({
    queryKey: boardQueryKey(slug, key),
    queryFn: ({ signal }) => apiFetch<BoardView>(`/api/w/${slug}/boards/${key}`, { signal }),
    initialData: initial,
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

/** Moves are optimistic: the card lands at once and goes back, with a message, if the server says no. */
export function useMoveTask(workspace: string, board: string) {
  const queryClient = useQueryClient();
  const queryKey = boardQueryKey(workspace, board);
  const askReasons = useReasonPrompt();
  const mutation = useMutation({
    mutationKey: [...queryKey, "write"],
    mutationFn: ({ task, lane, status, afterId, reasons }: MoveVariables) =>
      apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${task.key}/move`, { method: "POST", body: { lane, status, afterId, ...reasons } }),
    onMutate: async ({ task, lane, status, afterId }) => {
      await queryClient.cancelQueries({ queryKey });
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
      return { previous };
    },
    onError: (error, variables, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      // A move that needs a reason goes back, asks for it, and is made again with it.
      const prompt = askReasons(error);
      if (prompt) {
        void prompt.then((reasons) => reasons && mutation.mutate({ ...variables, reasons }));
        return;
      }
      toast.error(`Could not move ${variables.task.key}: ${error.message}`);
    },
    onSuccess: ({ task }) => upsertTask(queryClient, queryKey, task),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  return mutation;
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

/**
 * Subscribes to the workspace's server-sent events and refetches the board when one of its tasks
 * changes. While a drag or a write is in flight the refetch waits, so that it cannot undo an
 * optimistic move halfway.
 */
export function useLiveBoard(workspace: string, board: string, boardId: string, paused: boolean): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const pending = useRef(false);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  useEffect(() => {
    const queryKey = boardQueryKey(workspace, board);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (pausedRef.current || queryClient.isMutating({ mutationKey: [...queryKey, "write"] }) > 0) {
          pending.current = true;
          return;
        }
        pending.current = false;
        void queryClient.invalidateQueries({ queryKey });
      }, 100);
    };
    const source = new EventSource(`/api/w/${workspace}/events`);
    source.addEventListener("open", () => {
      setStatus("live");
      refresh(); // catch up on anything missed while disconnected
    });
    source.addEventListener("error", () => setStatus("reconnecting"));
    // Signed out elsewhere, or removed from the workspace: the server closed the stream for good.
    // A reload lets the server decide what this browser may still see (sign-in, or not found).
    source.addEventListener("access", () => {
      source.close();
      window.location.reload();
    });
    source.addEventListener("task", (event) => {
      try {
        const data = JSON.parse((event as MessageEvent<string>).data) as { boardId: string };
        if (data.boardId === boardId) refresh();
      } catch {
        refresh();
      }
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [workspace, board, boardId, queryClient]);

  useEffect(() => {
    const queryKey = boardQueryKey(workspace, board);
    // A refetch already on its way when a drag starts would re-lay the board under the pointer
    // (a card added above shifts every cell down): drop it, and fetch again after the drop.
    if (paused && queryClient.isFetching({ queryKey }) > 0) {
      pending.current = true;
      void queryClient.cancelQueries({ queryKey });
      return;
    }
    if (!paused && pending.current) {
      pending.current = false;
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [paused, workspace, board, queryClient]);

  return status;
}
