"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/lib/http/client";
import type { SessionView } from "../types";

export const sessionQueryKey = (workspace: string, id: string) => ["session", workspace, id] as const;

/** The session, kept fresh, and one way to change it: every write answers with the whole session. */
export function useSession(workspace: string, initial: SessionView) {
  const queryClient = useQueryClient();
  const queryKey = sessionQueryKey(workspace, initial.id);
  const session = useQuery({
    queryKey,
    queryFn: () => apiFetch<{ session: SessionView }>(`/api/w/${workspace}/sessions/${initial.id}`).then((r) => r.session),
    initialData: initial,
    refetchOnWindowFocus: true,
  });
  const mutation = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: string; body?: unknown }) =>
      apiFetch<{ session: SessionView }>(`/api/w/${workspace}/sessions/${initial.id}${path}`, { method, body }).then((r) => r.session),
    onSuccess: (data) => queryClient.setQueryData(queryKey, data),
  });
  const { mutateAsync } = mutation;
  /** Runs a write; a refusal is shown (and returned) unless `quiet` says the caller shows it. */
  const write = useCallback(
    async (path: string, method: string, body?: unknown, options: { quiet?: (error: ApiError) => boolean } = {}): Promise<ApiError | null> => {
      try {
        await mutateAsync({ path, method, body });
        return null;
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError(0, "internal", "Could not save the change.");
        if (apiError.code === "conflict" && apiError.body?.currentVersion !== undefined) void queryClient.invalidateQueries({ queryKey });
        if (!options.quiet?.(apiError)) toast.error(apiError.message);
        return apiError;
      }
    },
    [mutateAsync, queryClient, queryKey],
  );
  return { session: session.data, readAt: session.dataUpdatedAt, write, saving: mutation.isPending };
}
