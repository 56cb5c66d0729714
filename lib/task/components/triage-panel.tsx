"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { boardQueryKey, upsertTask } from "@/lib/board/components/use-board";
import { apiFetch } from "@/lib/http/client";
import { RECOMMENDATION_LABEL, recommendLane, TRIAGE_QUESTIONS, type TriageAnswers } from "../triage";
import type { TaskCardData } from "../types";

interface Props {
  workspace: string;
  board: string;
  taskKey: string;
  initial: TriageAnswers | null;
  readOnly: boolean;
}

const GROUPS = [
  { kind: "delegate", title: "Delegate when all of these hold" },
  { kind: "leverage", title: "Leverage when any of these holds" },
] as const;

/** The ten questions; each change is saved at once and the recommendation follows live. */
export function TriagePanel({ workspace, board, taskKey, initial, readOnly }: Props) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<TriageAnswers>(initial ?? {});
  const [saving, setSaving] = useState(false);
  const recommendation = recommendLane(answers);
  // Saves run one at a time, always with the latest answers: quick clicks must not race each
  // other to the server, where an older set could land last and undo a newer answer.
  const latest = useRef<TriageAnswers>(answers);
  const inFlight = useRef(false);

  async function flush() {
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    let sent: TriageAnswers | null = null;
    try {
      while (sent !== latest.current) {
        sent = latest.current;
        const { task } = await apiFetch<{ task: TaskCardData }>(`/api/w/${workspace}/tasks/${taskKey}/triage`, { method: "PUT", body: { answers: sent } });
        upsertTask(queryClient, boardQueryKey(workspace, board), task);
      }
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not save the answer.");
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  function toggle(id: keyof TriageAnswers, value: boolean) {
    const next = { ...latest.current, [id]: value };
    latest.current = next;
    setAnswers(next);
    void flush();
  }

  return (
    <div className="space-y-4">
      <div
        role="status"
        className={cn(
          "rounded-md border px-3 py-2 text-sm",
          recommendation === "delegate" && "border-indigo-200 bg-indigo-50 text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-100",
          recommendation === "leverage" && "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
          recommendation === "unclear" && "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200",
        )}
      >
        Recommendation: <strong>{RECOMMENDATION_LABEL[recommendation]}</strong>
        <span className="ml-2 text-xs opacity-80">
          {recommendation === "delegate"
            ? "Known work: write a precise spec and hand it to an agent."
            : recommendation === "leverage"
              ? "Unknown work: pair with AI in one focused session."
              : "Answer the questions, or keep it untriaged until it is clearer."}
          {saving ? " Saving…" : ""}
        </span>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {GROUPS.map((group) => (
          <fieldset key={group.kind} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <legend className="px-1 text-sm font-semibold">{group.title}</legend>
            <ul className="space-y-2">
              {TRIAGE_QUESTIONS.filter((q) => q.kind === group.kind).map((question) => (
                <li key={question.id}>
                  <label className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4 accent-indigo-600"
                      checked={answers[question.id] === true}
                      disabled={readOnly}
                      onChange={(e) => toggle(question.id, e.target.checked)}
                    />
                    {question.text}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
