"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import type { RevisionSummary, SpecState } from "../types";
import { LineDiff } from "./line-diff";
import { specQueryKey } from "./spec-editor";

interface Props {
  workspace: string;
  taskKey: string;
  readOnly: boolean;
}

type RevisionText = { number: number; markdown: string };

export function Revisions({ workspace, taskKey, readOnly }: Props) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ["revisions", workspace, taskKey],
    queryFn: () => apiFetch<{ revisions: RevisionSummary[] }>(`/api/w/${workspace}/tasks/${taskKey}/spec/revisions`).then((r) => r.revisions),
  });
  const revisions = list.data ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? revisions[1]?.number ?? null;
  const b = to ?? revisions[0]?.number ?? null;

  const fetchText = (n: number | null) => ({
    queryKey: ["revision", workspace, taskKey, n],
    queryFn: () => apiFetch<{ revision: RevisionText }>(`/api/w/${workspace}/tasks/${taskKey}/spec/revisions/${n}`).then((r) => r.revision),
    enabled: n !== null,
    staleTime: Infinity, // a revision never changes
  });
  const left = useQuery(fetchText(a));
  const right = useQuery(fetchText(b));

  async function restore(number: number) {
    const current = await apiFetch<{ spec: SpecState }>(`/api/w/${workspace}/tasks/${taskKey}/spec`);
    try {
      const { spec } = await apiFetch<{ spec: SpecState }>(`/api/w/${workspace}/tasks/${taskKey}/spec/revisions/${number}/restore`, {
        method: "POST",
        body: { baseRevision: current.spec.revision },
      });
      queryClient.setQueryData(specQueryKey(workspace, taskKey), spec);
      void queryClient.invalidateQueries({ queryKey: ["revisions", workspace, taskKey] });
      toast.success(`Restored revision ${number} as revision ${spec.revision}`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not restore.");
    }
  }

  if (list.isPending) return <Skeleton className="h-40" />;
  if (revisions.length === 0) return <EmptyState title="No revisions yet">Every save of the spec becomes a revision you can compare and restore.</EmptyState>;

  return (
    <div className="space-y-4">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Spec revisions</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th className="py-1 font-medium">Revision</th>
            <th className="py-1 font-medium">Author</th>
            <th className="py-1 font-medium">Saved</th>
            <th className="py-1 font-medium">Score</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {revisions.map((r, index) => (
            <tr key={r.number}>
              <td className="py-1.5 font-mono">#{r.number}</td>
              <td className="py-1.5">{r.author?.name ?? r.author?.email ?? "—"}</td>
              <td className="py-1.5">
                <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>
              </td>
              <td className="py-1.5">{r.score}</td>
              <td className="py-1.5 text-right">
                {!readOnly && index > 0 && (
                  <Button size="sm" variant="ghost" onClick={() => void restore(r.number)} aria-label={`Restore revision ${r.number}`}>
                    Restore
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions.length > 1 && (
        <div className="space-y-3">
          <div className="flex flex-wrap items-end gap-3">
            <RevisionPicker label="Compare revision" revisions={revisions} value={a} onChange={setFrom} />
            <RevisionPicker label="with revision" revisions={revisions} value={b} onChange={setTo} />
          </div>
          {left.data && right.data ? (
            <LineDiff before={left.data.markdown} after={right.data.markdown} beforeLabel={`Revision ${left.data.number}`} afterLabel={`Revision ${right.data.number}`} />
          ) : (
            <Skeleton className="h-32" />
          )}
        </div>
      )}
    </div>
  );
}

function RevisionPicker({ label, revisions, value, onChange }: { label: string; revisions: RevisionSummary[]; value: number | null; onChange: (n: number) => void }) {
  return (
    <Field label={label}>
      {(p) => (
        <Select {...p} value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))} className="h-8 w-32">
          {revisions.map((r) => (
            <option key={r.number} value={r.number}>
              #{r.number}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
