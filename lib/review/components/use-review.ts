"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/http/client";
import type { QueueFilter, VerdictInput } from "../schema";
import type { AttemptView, CommentData, QueueView, SessionSummary, VerdictResult } from "../types";

export const queueKey = (workspace: string, filter: QueueFilter) => ["review-queue", workspace, filter] as const;
export const attemptKey = (workspace: string, id: string) => ["review-attempt", workspace, id] as const;

const base = (workspace: string) => `/api/w/${workspace}/review`;

export function queryString(filter: QueueFilter): string {
  const params = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function useQueue(workspace: string, filter: QueueFilter, initial: QueueView | undefined) {
  return useQuery({
    queryKey: queueKey(workspace, filter),
    queryFn: ({ signal }) => apiFetch<QueueView>(`${base(workspace)}/queue${queryString(filter)}`, { signal }),
    initialData: initial,
    // New attempts arrive while a session runs; the board's live events cover boards, the queue polls.
    refetchInterval: 30_000,
  });
}

export const fetchAttempt = (workspace: string, id: string, signal?: AbortSignal) =>
  apiFetch<{ attempt: AttemptView }>(`${base(workspace)}/attempts/${id}`, { signal }).then((r) => r.attempt);

export function useAttempt(workspace: string, id: string | null, initial: AttemptView | null = null) {
  return useQuery({
    queryKey: attemptKey(workspace, id ?? "none"),
    queryFn: ({ signal }) => fetchAttempt(workspace, id as string, signal),
    enabled: id !== null,
    staleTime: 10_000,
    // While Baton fetches a pull request's diff from GitHub, look again every 2 s.
    refetchInterval: (query) => (query.state.data?.submission.diffFetch === "pending" ? 2_000 : false),
    // The page renders its first attempt on the server; that one needs no fetch.
    initialData: initial && initial.submission.id === id ? initial : undefined,
  });
}

/**
 * The review session: started (or resumed) when the page opens, told which attempt is open every
 * 20 seconds so others see who is reviewing what, and ended by the reviewer.
 */
export function useReviewSession(workspace: string, enabled: boolean, currentId: string | null) {
  const [session, setSession] = useState<SessionSummary | null>(null);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void apiFetch<{ session: SessionSummary }>(`${base(workspace)}/sessions`, { method: "POST" })
      .then(({ session: started }) => !cancelled && setSession(started))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [workspace, enabled]);
  const sessionId = session?.id ?? null;
  const ended = session?.endedAt != null;
  useEffect(() => {
    if (!sessionId || ended) return;
    const beat = () =>
      void apiFetch<{ session: SessionSummary }>(`${base(workspace)}/sessions/${sessionId}`, { method: "PATCH", body: { submissionId: currentId } })
        .then(({ session: next }) => setSession(next))
        .catch(() => {});
    beat();
    const timer = setInterval(beat, 20_000);
    return () => clearInterval(timer);
  }, [workspace, sessionId, ended, currentId]);
  const refresh = () => {
    if (!sessionId) return;
    void apiFetch<{ session: SessionSummary }>(`${base(workspace)}/sessions/${sessionId}`, { method: "PATCH", body: {} }).then(({ session: next }) => setSession(next));
  };
  const end = async () => {
    if (!sessionId) return;
    const { session: next } = await apiFetch<{ session: SessionSummary }>(`${base(workspace)}/sessions/${sessionId}`, { method: "PATCH", body: { end: true } });
    setSession(next);
    void queryClient.invalidateQueries({ queryKey: ["review-queue", workspace] });
  };
  return { session, refresh, end };
}

export function useVerdict(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ submissionId, input }: { submissionId: string; input: VerdictInput }) =>
      apiFetch<VerdictResult>(`${base(workspace)}/attempts/${submissionId}/verdict`, { method: "POST", body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["review-queue", workspace] }),
  });
}

export function useUndoVerdict(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reviewId: string) => apiFetch(`${base(workspace)}/reviews/${reviewId}/undo`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["review-queue", workspace] }),
  });
}

/** Draft comments and Viewed marks write through to the server and patch the cached attempt. */
export function useAttemptWrites(workspace: string, submissionId: string) {
  const queryClient = useQueryClient();
  const key = attemptKey(workspace, submissionId);
  const patch = (change: (view: AttemptView) => AttemptView) => queryClient.setQueryData<AttemptView>(key, (view) => (view ? change(view) : view));
  const addComment = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ comment: CommentData }>(`${base(workspace)}/attempts/${submissionId}/comments`, { method: "POST", body }),
    onSuccess: ({ comment }) => patch((view) => ({ ...view, drafts: [...view.drafts, comment] })),
  });
  const removeComment = useMutation({
    mutationFn: (id: string) => apiFetch(`${base(workspace)}/comments/${id}`, { method: "DELETE" }),
    onSuccess: (_result, id) => patch((view) => ({ ...view, drafts: view.drafts.filter((d) => d.id !== id) })),
  });
  const setViewed = useMutation({
    mutationFn: ({ path, viewed }: { path: string; viewed: boolean }) =>
      apiFetch<{ viewed: string[] }>(`${base(workspace)}/attempts/${submissionId}/viewed`, { method: "PUT", body: { path, viewed } }),
    onMutate: ({ path, viewed }) => patch((view) => ({ ...view, viewed: viewed ? [...new Set([...view.viewed, path])] : view.viewed.filter((p) => p !== path) })),
    onSuccess: ({ viewed }) => {
      patch((view) => ({ ...view, viewed }));
      void queryClient.invalidateQueries({ queryKey: ["review-queue", workspace] });
    },
  });
  return { addComment, removeComment, setViewed };
}
