"use client";

import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client";
import type { Finding } from "@/lib/spec/lint";
import type { Requirement } from "../lane-rules";
import type { Reasons } from "../schema";
import { RECOMMENDATION_LABEL } from "../triage";

type Needed = Requirement & { field: keyof Reasons };
interface Prompt {
  message: string;
  requirements: Needed[];
  findings: Finding[];
  resolve: (reasons: Reasons | null) => void;
}

type Ask = (error: unknown) => Promise<Reasons | null> | null;
const ReasonContext = createContext<Ask>(() => null);

/**
 * When the server refuses a placement because a reason is needed (delegating against the triage,
 * or overriding the readiness gate), `useReasonPrompt()(error)` asks for the reasons and resolves
 * with them, or with null if the user cancels. For any other error it returns null at once.
 */
export function useReasonPrompt(): Ask {
  return useContext(ReasonContext);
}

export function ReasonPromptProvider({ children }: { children: ReactNode }) {
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [values, setValues] = useState<Reasons>({});
  const settled = useRef(false);

  const ask = useCallback<Ask>((error) => {
    if (!(error instanceof ApiError) || error.code !== "unprocessable" || !error.body || !Array.isArray(error.body.requirements)) return null;
    const body = error.body;
    return new Promise((resolve) => {
      settled.current = false;
      setValues({});
      setPrompt({
        message: error.message,
        requirements: body.requirements as Needed[],
        findings: (body.findings as Finding[] | undefined) ?? [],
        resolve,
      });
    });
  }, []);

  function close(result: Reasons | null) {
    if (prompt && !settled.current) {
      settled.current = true;
      prompt.resolve(result);
    }
    setPrompt(null);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    close(values);
  }

  const complete = prompt?.requirements.every((r) => (values[r.field]?.trim().length ?? 0) >= 3) ?? false;
  return (
    <ReasonContext.Provider value={ask}>
      {children}
      {prompt && (
        <Dialog open onOpenChange={(open) => !open && close(null)} title="A reason is needed" description="Baton records it in the task's history.">
          <form onSubmit={onSubmit} className="space-y-4">
            {prompt.requirements.map((requirement) => (
              <div key={requirement.kind} className="space-y-2">
                {requirement.kind === "over_delegation" ? (
                  <p className="text-sm">
                    The triage recommends <strong>{RECOMMENDATION_LABEL[requirement.recommendation]}</strong>, not Delegate. Delegating
                    anyway is recorded as <em>over-delegation</em>.
                  </p>
                ) : (
                  <div className="text-sm">
                    <p>
                      Spec score <strong>{requirement.score}/100</strong> is below this workspace&rsquo;s threshold of{" "}
                      <strong>{requirement.threshold}</strong>. An agent is likely to fail with this spec.
                    </p>
                    {prompt.findings.length > 0 && (
                      <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
                        {prompt.findings.map((finding, index) => (
                          <li key={index}>{finding.message}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
                <Field label={requirement.kind === "over_delegation" ? "Why delegate it anyway?" : "Why override the readiness gate?"}>
                  {(p) => (
                    <Textarea
                      {...p}
                      rows={2}
                      className="font-sans"
                      value={values[requirement.field] ?? ""}
                      onChange={(e) => setValues((v) => ({ ...v, [requirement.field]: e.target.value }))}
                    />
                  )}
                </Field>
              </div>
            ))}
            <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <Button onClick={() => close(null)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={!complete}>
                Record reason and continue
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </ReasonContext.Provider>
  );
}
