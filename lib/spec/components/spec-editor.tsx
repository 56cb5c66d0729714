"use client";

import { markdown as markdownLanguage } from "@codemirror/lang-markdown";
import { forceLinting, linter, type Diagnostic } from "@codemirror/lint";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView, ViewPlugin } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import CodeMirror, { type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { Alert, Skeleton } from "@/components/ui/misc";
import { ApiError, apiFetch } from "@/lib/http/client";
import { Markdown } from "@/components/ui/markdown";
import { lintSpec, type Finding } from "../lint";
import { referenceFindings } from "../references";
import { SPEC_SECTIONS } from "../sections";
import { toAgentPrompt } from "../prompt";
import type { SpecState, TemplateSummary } from "../types";
import type { SpecNote } from "@/lib/review/types";
import { LineDiff } from "./line-diff";
import { ReferenceList, useReferenceChecks } from "./reference-checks";
import { referenceChecksField, referenceMarks, setReferenceChecks } from "./reference-marks";

type SaveState = "saved" | "dirty" | "saving" | "conflict" | "error";

interface Props {
  workspace: string;
  taskKey: string;
  title: string;
  readOnly: boolean;
  canManageTemplates: boolean;
  threshold: number;
  /** Leverage tasks have an optional brief instead of a gated spec. */
  kind: "spec" | "brief";
}

const AUTOSAVE_MS = 1200;

// One theme for both colour schemes, driven by CSS variables (globals.css), with contrast that
// passes WCAG AA in each: the stock dark theme's markdown marks and line numbers do not.
const editorTheme = EditorView.theme({
  "&": { color: "var(--cm-fg)", backgroundColor: "var(--cm-bg)" },
  ".cm-content": { caretColor: "var(--cm-fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-fg)" },
  ".cm-gutters": { backgroundColor: "var(--cm-bg)", color: "var(--cm-muted)", border: "none" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--cm-active)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": { backgroundColor: "var(--cm-selection)" },
  ".cm-placeholder": { color: "var(--cm-muted)" },
});
const markdownHighlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: "600", color: "var(--cm-heading)" },
  { tag: [tags.processingInstruction, tags.meta, tags.list, tags.contentSeparator], color: "var(--cm-muted)" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "600" },
  { tag: tags.monospace, color: "var(--cm-code)" },
  { tag: [tags.link, tags.url], color: "var(--cm-link)", textDecoration: "underline" },
  { tag: tags.quote, color: "var(--cm-muted)", fontStyle: "italic" },
  { tag: tags.comment, color: "var(--cm-muted)" },
]);
const OUTLINE = SPEC_SECTIONS.map((s) => `## ${s.title}\n\n${s.id === "success" ? "- [ ] \n" : ""}`).join("\n");
export const specQueryKey = (workspace: string, key: string) => ["spec", workspace, key] as const;

export function SpecEditor(props: Props) {
  const { workspace, taskKey } = props;
  const spec = useQuery({
    queryKey: specQueryKey(workspace, taskKey),
    queryFn: () => apiFetch<{ spec: SpecState }>(`/api/w/${workspace}/tasks/${taskKey}/spec`).then((r) => r.spec),
    staleTime: 0,
  });
  if (spec.isError) return <Alert>Could not load the spec. Close the task and open it again.</Alert>;
  if (!spec.data) {
    return (
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]" aria-busy="true">
        <Skeleton className="h-96" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  return <LoadedSpecEditor {...props} initial={spec.data} />;
}

function LoadedSpecEditor({ workspace, taskKey, title, readOnly, canManageTemplates, threshold, kind, initial }: Props & { initial: SpecState }) {
  const queryClient = useQueryClient();
  const editor = useRef<ReactCodeMirrorRef>(null);
  // The editor owns its text (CodeMirror, uncontrolled): a keystroke is painted without waiting for
  // React. `text` follows it in a transition, for what is derived from it (lint, the toolbar, the
  // preview, the autosave timer); `latest` has it at once, for saving.
  const [text, setText] = useState(initial.markdown);
  // The editor's first text, fixed: a later `initial` (the saved spec written back to the query
  // cache) must not reset what is being typed.
  const [initialDoc] = useState(initial.markdown);
  const [base, setBaseState] = useState(initial.revision);
  const [state, setSaveState] = useState<SaveState>("saved");
  const [savedAt, setSavedAt] = useState(initial.updatedAt);
  const [conflict, setConflict] = useState<SpecState | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [preview, setPreview] = useState(false);
  // The latest values, for the timer and the unmount flush: written wherever they change, not
  // after a render (the text changes outside React).
  const latest = useRef({ text, base, state });
  const setState = (next: SaveState) => {
    latest.current.state = next;
    setSaveState(next);
  };
  const setBase = (next: number) => {
    latest.current.base = next;
    setBaseState(next);
  };
  // The template the text was just started from, sent with the next save so that it is recorded.
  const pendingTemplate = useRef<string | undefined>(undefined);

  const deferred = useDeferredValue(text);
  const lint = useMemo(() => lintSpec(deferred), [deferred]);
  const references = useReferenceChecks(workspace, taskKey, lint.references);
  const { checks } = references;
  const findings = useMemo(() => sortFindings([...lint.findings, ...referenceFindings(deferred, checks)]), [lint.findings, deferred, checks]);
  // The editor's marks and underlines follow each new answer.
  useEffect(() => {
    const view = editor.current?.view;
    if (!view) return;
    view.dispatch({ effects: setReferenceChecks.of(checks) });
    forceLinting(view);
  }, [checks]);
  const url = `/api/w/${workspace}/tasks/${taskKey}/spec`;

  const save = useCallback(async () => {
    const { text: markdown, base: baseRevision } = latest.current;
    const templateId = pendingTemplate.current;
    setState("saving");
    try {
      const { spec } = await apiFetch<{ spec: SpecState }>(url, { method: "PUT", body: { markdown, baseRevision, templateId } });
      if (pendingTemplate.current === templateId) pendingTemplate.current = undefined;
      setBase(spec.revision);
      setSavedAt(spec.updatedAt);
      // Typing may have continued while the request was in flight.
      setState(latest.current.text === markdown ? "saved" : "dirty");
      queryClient.setQueryData(specQueryKey(workspace, taskKey), spec);
      void queryClient.invalidateQueries({ queryKey: ["revisions", workspace, taskKey] });
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict" && error.body?.current) {
        setConflict(error.body.current as SpecState);
        setState("conflict");
      } else {
        setState("error");
        toast.error(error instanceof Error ? error.message : "Could not save the spec.");
      }
    }
  }, [url, queryClient, workspace, taskKey]);

  // Autosave after a pause in typing.
  useEffect(() => {
    if (state !== "dirty") return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [text, state, save]);

  // Closing the task with unsaved text still saves it.
  useEffect(
    () => () => {
      const { text: markdown, base: baseRevision, state: pending } = latest.current;
      if (pending === "dirty") {
        void fetch(url, { method: "PUT", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ markdown, baseRevision }) });
      }
    },
    [url],
  );

  const onChange = (value: string) => {
    latest.current.text = value;
    if (latest.current.state !== "conflict") latest.current.state = "dirty";
    const next = latest.current.state;
    startTransition(() => {
      setText(value);
      setSaveState(next);
    });
  };

  /** Puts new text in the editor (a template, their version): through the editor, which calls onChange. */
  const replaceDoc = (value: string) => {
    const view = editor.current?.view;
    if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    else onChange(value);
  };

  const replaceText = (value: string, templateId?: string) => {
    pendingTemplate.current = templateId;
    replaceDoc(value);
    setState("dirty");
  };

  const extensions = useMemo(
    () => [
      markdownLanguage(),
      editorTheme,
      syntaxHighlighting(markdownHighlight),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": kind === "spec" ? "Spec" : "Brief" }),
      // The scroller is a keyboard stop too, so a read-only spec can be scrolled without a mouse.
      ViewPlugin.define((view) => {
        view.scrollDOM.tabIndex = 0;
        view.scrollDOM.setAttribute("aria-label", kind === "spec" ? "Spec editor" : "Brief editor");
        return {};
      }),
      referenceMarks,
      linter(
        (view): Diagnostic[] =>
          [...lintSpec(view.state.doc.toString()).findings, ...referenceFindings(view.state.doc.toString(), view.state.field(referenceChecksField).checks)].map((f) => ({
            from: Math.min(f.from, view.state.doc.length),
            to: Math.min(Math.max(f.to, f.from), view.state.doc.length),
            severity: f.severity,
            message: `${f.message} ${f.fix}`,
          })),
        { delay: 400 },
      ),
    ],
    [kind],
  );

  function select(finding: Finding) {
    const view = editor.current?.view;
    if (!view) return;
    const length = view.state.doc.length;
    view.dispatch({ selection: { anchor: Math.min(finding.from, length), head: Math.min(finding.to, length) }, scrollIntoView: true });
    view.focus();
  }

  return (
    <div className="space-y-3">
      <SpecNotes workspace={workspace} taskKey={taskKey} revision={base} />
      <Toolbar
        workspace={workspace}
        taskKey={taskKey}
        title={title}
        text={text}
        readOnly={readOnly}
        canManageTemplates={canManageTemplates}
        onUseTemplate={replaceText}
        status={<SaveStatus state={state} revision={base} savedAt={savedAt} />}
        preview={preview}
        onTogglePreview={() => setPreview((p) => !p)}
      />
      {conflict && (
        <Alert>
          <p className="font-medium">
            {conflict.updatedBy?.name ?? conflict.updatedBy?.email ?? "Someone"} saved revision {conflict.revision} while you were editing.
          </p>
          <p className="mt-1">Your text is still here and has not been saved. Nothing was overwritten.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" onClick={() => setShowDiff((v) => !v)}>
              {showDiff ? "Hide differences" : "Compare both versions"}
            </Button>
            <Button
              size="sm"
              onClick={() => {
                replaceDoc(conflict.markdown);
                setBase(conflict.revision);
                setConflict(null);
                setShowDiff(false);
                setState("saved");
              }}
            >
              Use their version
            </Button>
            <Button
              size="sm"
              variant="primary"
              onClick={() => {
                // Save mine on top of theirs: a deliberate choice, recorded as a new revision.
                setBase(conflict.revision);
                setConflict(null);
                setShowDiff(false);
                void save();
              }}
            >
              Keep mine
            </Button>
          </div>
          {showDiff && <LineDiff before={conflict.markdown} after={text} beforeLabel={`Theirs (revision ${conflict.revision})`} afterLabel="Yours (unsaved)" className="mt-3" />}
        </Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
          {preview && (
            <div aria-label="Rendered spec" role="document" className="h-[26rem] overflow-y-auto px-4 py-2">
              {text.trim() ? <Markdown>{text}</Markdown> : <p className="py-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing written yet.</p>}
            </div>
          )}
          <div hidden={preview}>
          <CodeMirror
            ref={editor}
            value={initialDoc}
            onChange={onChange}
            extensions={extensions}
            editable={!readOnly}
            readOnly={readOnly}
            theme="none"
            height="26rem"
            basicSetup={{ foldGutter: false, highlightActiveLineGutter: false }}
            placeholder={kind === "spec" ? "Write the spec, or start from a template…" : "An optional brief for the session…"}
          />
          </div>
          {!readOnly && !text.trim() && !preview && (
            <div className="border-t border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
              <Button size="sm" onClick={() => replaceText(OUTLINE)}>
                Insert section outline
              </Button>{" "}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">or choose a template above.</span>
            </div>
          )}
        </div>
        <LintPanel findings={findings} score={lint.score} threshold={kind === "spec" ? threshold : null} words={lint.wordCount} onSelect={select}>
          <ReferenceList report={references.report} checking={references.checking} failed={references.failed} references={lint.references} />
        </LintPanel>
      </div>
    </div>
  );
}

function SaveStatus({ state, revision, savedAt }: { state: SaveState; revision: number; savedAt: string | null }) {
  const text = {
    saved: revision ? `Saved · revision ${revision}${savedAt ? ` · ${new Date(savedAt).toLocaleTimeString()}` : ""}` : "Nothing saved yet",
    dirty: "Unsaved changes",
    saving: "Saving…",
    conflict: "Not saved: conflict",
    error: "Not saved: retry by editing",
  }[state];
  return (
    <span role="status" aria-live="polite" className={cn("text-xs", state === "conflict" || state === "error" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400")}>
      {text}
    </span>
  );
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const sortFindings = (findings: Finding[]) => findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.from - b.from || a.to - b.to);

function LintPanel({
  score,
  findings,
  threshold,
  words,
  onSelect,
  children,
}: {
  score: number;
  findings: Finding[];
  threshold: number | null;
  words: number;
  onSelect: (f: Finding) => void;
  children?: React.ReactNode;
}) {
  const passes = threshold === null || score >= threshold;
  return (
    <aside aria-label="Spec lint" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">Spec score {score}/100</h3>
      <div className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
        <div className={cn("h-full rounded-full", passes ? "bg-emerald-500" : "bg-red-500")} style={{ width: `${score}%` }} />
      </div>
      <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        {threshold === null ? `${words} words` : passes ? `Ready for an agent (threshold ${threshold}). ${words} words.` : `Below the threshold of ${threshold} for Ready. ${words} words.`}
      </p>
      {findings.length === 0 ? (
        <p className="mt-3 text-sm text-emerald-800 dark:text-emerald-300">No findings. This spec names its outcome, code, examples, checks and tests.</p>
      ) : (
        <ul className="mt-3 max-h-[22rem] space-y-2 overflow-y-auto pr-1" aria-label="Findings">
          {findings.map((finding, index) => (
            <li key={`${finding.ruleId}-${finding.from}-${index}`}>
              <button
                type="button"
                onClick={() => onSelect(finding)}
                className="w-full rounded-md border border-zinc-200 p-2 text-left text-xs hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800"
              >
                <span
                  className={cn(
                    "mr-1.5 inline-block rounded px-1 font-semibold uppercase",
                    finding.severity === "error" ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : finding.severity === "warning" ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
                  )}
                >
                  {finding.severity}
                </span>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{finding.message}</span>
                <span className="mt-1 block text-zinc-600 dark:text-zinc-400">{finding.fix}</span>
                <span className="mt-1 block font-mono text-[0.6875rem] text-zinc-600 dark:text-zinc-400">
                  {finding.ruleId} · line {finding.line}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {children}
    </aside>
  );
}

interface ToolbarProps {
  workspace: string;
  taskKey: string;
  title: string;
  text: string;
  readOnly: boolean;
  canManageTemplates: boolean;
  onUseTemplate: (markdown: string, templateId: string) => void;
  status: React.ReactNode;
  preview: boolean;
  onTogglePreview: () => void;
}

function Toolbar({ workspace, taskKey, title, text, readOnly, canManageTemplates, onUseTemplate, status, preview, onTogglePreview }: ToolbarProps) {
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ["templates", workspace],
    queryFn: () => apiFetch<{ templates: TemplateSummary[] }>(`/api/w/${workspace}/templates`).then((r) => r.templates),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState("");
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");

  function useTemplate() {
    const template = templates.data?.find((t) => t.id === chosen);
    if (!template) return;
    if (text.trim() && !window.confirm("Replace the current text with the template? The current text stays in the revisions.")) return;
    onUseTemplate(template.markdown, template.id);
    toast.success(`Started from “${template.name}”`);
  }

  async function copyPrompt() {
    const prompt = toAgentPrompt({ key: taskKey, title, markdown: text });
    try {
      await navigator.clipboard.writeText(prompt);
      toast.success("Agent prompt copied");
    } catch {
      toast.error("The browser did not allow copying. Use Download .md instead.");
    }
  }

  function download() {
    const blob = new Blob([toAgentPrompt({ key: taskKey, title, markdown: text })], { type: "text/markdown;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${taskKey}.md`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function saveAsTemplate() {
    try {
      await apiFetch(`/api/w/${workspace}/templates`, { method: "POST", body: { name, markdown: text, description: `From ${taskKey}` } });
      toast.success(`Saved template “${name}”`);
      setNaming(false);
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["templates", workspace] });
    } catch (error) {
      toast.error(error instanceof ApiError && error.fields?.name ? error.fields.name[0] : error instanceof Error ? error.message : "Could not save.");
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {!readOnly && (
        <>
          <Select aria-label="Template" value={chosen} onChange={(e) => setChosen(e.target.value)} className="h-8 w-56">
            <option value="">Choose a template…</option>
            {templates.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.builtIn ? t.name : `${t.name} (workspace)`}
              </option>
            ))}
          </Select>
          <Button size="sm" onClick={useTemplate} disabled={!chosen}>
            Use template
          </Button>
        </>
      )}
      <span className="mx-1">{status}</span>
      <span className="ml-auto flex flex-wrap gap-2">
        <Button size="sm" variant="ghost" aria-pressed={preview} onClick={onTogglePreview}>
          {preview ? "Edit" : "Preview"}
        </Button>
        <Button size="sm" onClick={() => void copyPrompt()}>
          Copy as agent prompt
        </Button>
        <Button size="sm" onClick={download}>
          Download .md
        </Button>
        {canManageTemplates && !readOnly && !naming && (
          <Button size="sm" variant="ghost" onClick={() => setNaming(true)} disabled={!text.trim()}>
            Save as template
          </Button>
        )}
        {naming && (
          <form
            className="flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              void saveAsTemplate();
            }}
          >
            <Input aria-label="Template name" autoFocus value={name} onChange={(e) => setName(e.target.value)} className="h-8 w-40" placeholder="Template name" />
            <Button size="sm" type="submit" variant="primary" disabled={!name.trim()}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setNaming(false)}>
              Cancel
            </Button>
          </form>
        )}
      </span>
    </div>
  );
}

/**
 * Reviewers' notes from rejections for an unclear spec, shown until someone saves a new revision:
 * the spec is where the next attempt (by an agent or a person) starts.
 */
function SpecNotes({ workspace, taskKey, revision }: { workspace: string; taskKey: string; revision: number }) {
  const { data } = useQuery({
    queryKey: ["spec-notes", workspace, taskKey, revision],
    queryFn: () => apiFetch<{ notes: SpecNote[] }>(`/api/w/${workspace}/tasks/${taskKey}/spec/notes`).then((r) => r.notes),
  });
  if (!data || data.length === 0) return null;
  return (
    <section aria-label="Reviewer notes on this spec" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">An attempt was rejected because this spec was unclear. Revise it before handing the task on.</p>
      <ul className="mt-1 space-y-1">
        {data.map((note) => (
          <li key={note.id}>
            <span className="text-xs">
              Attempt {note.attempt}, {note.reviewer?.name ?? note.reviewer?.email ?? "a reviewer"}:
            </span>{" "}
            {note.note || "(no note)"}
          </li>
        ))}
      </ul>
    </section>
  );
}
