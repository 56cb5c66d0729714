"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import type { AttemptView, CommentData } from "../types";

interface Props {
  view: AttemptView;
  readOnly: boolean;
  onNotMet: (criterion: string, body: string) => Promise<void>;
  onDelete: (id: string) => void;
}

/** The spec beside the diff: its success criteria, each of which can be marked "not met", then the whole text. */
export function SpecPane({ view, readOnly, onNotMet, onDelete }: Props) {
  const notMet = new Map<string, CommentData>(view.drafts.filter((d) => d.target === "criterion" && d.criterion).map((d) => [d.criterion as string, d]));
  return (
    <section aria-labelledby="spec-heading" className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h2 id="spec-heading" className="text-sm font-semibold">
          Spec
        </h2>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          revision {view.spec.revision}
          {view.spec.score !== null && ` · score ${view.spec.score}`}
        </span>
      </div>
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Success criteria</h3>
        {view.spec.criteria.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">The spec lists no success criteria.</p>
        ) : (
          <ul className="mt-1.5 space-y-1.5" aria-label="Success criteria">
            {view.spec.criteria.map((criterion) => (
              <Criterion key={criterion} criterion={criterion} draft={notMet.get(criterion)} readOnly={readOnly} onNotMet={onNotMet} onDelete={onDelete} />
            ))}
          </ul>
        )}
      </div>
      <details className="rounded-md border border-zinc-200 dark:border-zinc-800" open>
        <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium">Full spec</summary>
        <div tabIndex={0} role="region" aria-label="Spec text" className="max-h-[60vh] overflow-y-auto px-3 pb-2">
          {view.spec.markdown.trim() ? <Markdown>{view.spec.markdown}</Markdown> : <p className="py-2 text-sm text-zinc-600 dark:text-zinc-400">This task has no spec.</p>}
        </div>
      </details>
    </section>
  );
}

function Criterion({ criterion, draft, readOnly, onNotMet, onDelete }: { criterion: string; draft?: CommentData; readOnly: boolean; onNotMet: Props["onNotMet"]; onDelete: Props["onDelete"] }) {
  const [writing, setWriting] = useState(false);
  const [body, setBody] = useState("");
  return (
    <li className="rounded-md border border-zinc-200 px-2.5 py-1.5 text-sm dark:border-zinc-800">
      <div className="flex items-start gap-2">
        <span aria-hidden className={draft ? "text-red-600 dark:text-red-400" : "text-zinc-400"}>
          {draft ? "✗" : "○"}
        </span>
        <span className="flex-1">{criterion}</span>
        {!readOnly && !draft && !writing && (
          <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" onClick={() => setWriting(true)} aria-label={`Not met: ${criterion}`}>
            Not met
          </Button>
        )}
        {!readOnly && draft && (
          <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" onClick={() => onDelete(draft.id)} aria-label={`Met after all: ${criterion}`}>
            Undo
          </Button>
        )}
      </div>
      {draft && <p className="mt-1 pl-5 text-xs text-red-800 dark:text-red-300">Not met (draft): {draft.body}</p>}
      {writing && (
        <form
          className="mt-1.5 flex gap-1.5 pl-5"
          onSubmit={(e) => {
            e.preventDefault();
            void onNotMet(criterion, body.trim() || "Not met.").then(() => {
              setWriting(false);
              setBody("");
            });
          }}
        >
          <Input autoFocus aria-label={`Why is “${criterion}” not met?`} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Why not? (optional)" className="h-8" onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setWriting(false))} />
          <Button type="submit" size="sm" variant="primary">
            Save
          </Button>
        </form>
      )}
    </li>
  );
}
