"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { apiFetch } from "@/lib/http/client";
import { isBroken, MAX_CHECKED_REFERENCES, type ReferenceCheck, type ReferenceReport } from "../references";

// The editor's side of checking spec references against the code: ask the server for the current
// set of references once typing pauses (the server answers from its per-commit cache), and list
// the verdicts under the lint findings.

const PAUSE_MS = 600;

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useReferenceChecks(workspace: string, taskKey: string, references: readonly string[]) {
  const wanted = useSettled(references.slice(0, MAX_CHECKED_REFERENCES).join("\n"), PAUSE_MS);
  // A board without a repository (or a workspace without GitHub) says so once; no need to ask again while editing.
  const [unlinked, setUnlinked] = useState(false);
  const query = useQuery({
    queryKey: ["spec-references", workspace, taskKey, wanted],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(wanted.split("\n").map((ref) => ["ref", ref]));
      return apiFetch<ReferenceReport>(`/api/w/${workspace}/tasks/${taskKey}/spec/references?${params}`, { signal });
    },
    enabled: wanted !== "" && !unlinked,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
  const state = query.data?.state;
  // Adjusted while rendering (React's pattern for state derived from a previous answer).
  if (!unlinked && (state === "not-linked" || state === "not-connected")) setUnlinked(true);
  const checks = useMemo(() => new Map<string, ReferenceCheck>((query.data?.references ?? []).map((check) => [check.text, check])), [query.data]);
  return { report: wanted === "" ? undefined : query.data, checks, checking: query.isFetching, failed: query.isError };
}

const ICON: Record<ReferenceCheck["status"], string> = { found: "✓", missing: "⚠", ambiguous: "⚠", "out-of-range": "⚠", unchecked: "–" };

/** What the check found, for the lint panel: where it looked, and a line per reference. */
export function ReferenceList({ report, checking, failed, references }: { report: ReferenceReport | undefined; checking: boolean; failed: boolean; references: readonly string[] }) {
  if (references.length === 0) return null;
  const heading = <h4 className="text-xs font-semibold text-zinc-900 dark:text-zinc-100">Code references</h4>;
  const note = (text: string) => <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{text}</p>;
  let body: React.ReactNode;
  if (failed && !report) body = note("Could not check the references. They are checked again when you edit them.");
  else if (!report) body = note("Checking references against the code…");
  else if (report.state !== "checked") body = note(report.message ?? "References are not checked.");
  else {
    const shown = references.map((text) => report.references.find((check) => check.text === text)).filter((check): check is ReferenceCheck => check !== undefined);
    const broken = shown.filter(isBroken).length;
    body = (
      <>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {broken === 0 ? "All found" : `${broken} of ${shown.length} need fixing`} in {report.repository} at {report.branch}
          {report.commit && <span className="font-mono"> ({report.commit.slice(0, 7)})</span>}
          {checking && " · checking…"}
        </p>
        <ul className="mt-1.5 space-y-1" aria-label="Reference checks">
          {shown.map((check) => (
            <li key={check.text} className="flex gap-1.5 text-xs">
              <span
                aria-hidden
                className={cn(
                  "w-3 shrink-0 text-center font-semibold",
                  check.status === "found" ? "text-emerald-700 dark:text-emerald-300" : isBroken(check) ? "text-amber-700 dark:text-amber-300" : "text-zinc-500",
                )}
              >
                {ICON[check.status]}
              </span>
              <span className="min-w-0">
                <span className="font-mono break-all text-zinc-900 dark:text-zinc-100">{check.text}</span>
                <span className="sr-only">{check.status === "found" ? ", found" : isBroken(check) ? ", broken" : ", not checked"}</span>
                {check.status !== "found" && <span className="block text-zinc-600 dark:text-zinc-400">{check.message}</span>}
                {check.status === "found" && check.path && !check.text.startsWith(check.path) && (
                  <span className="block break-all text-zinc-600 dark:text-zinc-400">→ {check.path}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <section aria-label="Code references" className="mt-3 border-t border-zinc-200 pt-2 dark:border-zinc-800" aria-busy={checking}>
      {heading}
      {body}
    </section>
  );
}
