"use client";

import { useRef, useState, type ReactNode } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Textarea } from "@/components/ui/field";
import { INTERRUPT_CATEGORIES, INTERRUPT_LABELS, MIN_APPROACHES, PHASE_LABELS } from "../rules";
import type { SessionView } from "../types";
import type { useSession } from "./use-session";

// The three things a session gathers: approaches considered, interrupts, and review notes.

type Write = ReturnType<typeof useSession>["write"];
interface ItemProps {
  session: SessionView;
  write: Write;
  editable: boolean;
}

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{description}</p>}
      <div className="mt-2">{children}</div>
    </section>
  );
}

export function Approaches({ session, write, editable }: ItemProps) {
  const [name, setName] = useState("");
  const [pros, setPros] = useState("");
  const [cons, setCons] = useState("");
  const nameRef = useRef<HTMLInputElement>(null);
  useHotkeys("a", () => nameRef.current?.focus(), { enabled: editable, preventDefault: true });
  const count = session.approaches.length;
  return (
    <Section
      title="Approaches"
      description={count < MIN_APPROACHES ? `Consider at least ${MIN_APPROACHES} before leaving Design, and mark the one you choose.` : "Mark the one you choose."}
    >
      {count === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No approaches yet. Name the first idea, then a real alternative.</p>
      ) : (
        <ul className="space-y-2" aria-label="Approaches considered">
          {session.approaches.map((approach) => (
            <li key={approach.id} className={cn("rounded-md border p-2 text-sm", approach.chosen ? "border-emerald-500 dark:border-emerald-600" : "border-zinc-200 dark:border-zinc-800")}>
              <div className="flex items-start gap-2">
                <p className="min-w-0 flex-1 font-medium break-words">
                  {approach.name}
                  {approach.chosen && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">Chosen</span>}
                </p>
                {editable && (
                  <>
                    <Button size="sm" variant="ghost" aria-pressed={approach.chosen} onClick={() => void write(`/approaches/${approach.id}`, "PATCH", { chosen: !approach.chosen })}>
                      {approach.chosen ? "Unchoose" : "Choose"}
                      <span className="sr-only"> {approach.name}</span>
                    </Button>
                    <Button size="sm" variant="ghost" aria-label={`Remove ${approach.name}`} onClick={() => void write(`/approaches/${approach.id}`, "DELETE")}>
                      ×
                    </Button>
                  </>
                )}
              </div>
              {(approach.pros || approach.cons) && (
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-zinc-700 dark:text-zinc-300">
                  {approach.pros && (
                    <>
                      <dt className="font-medium text-emerald-800 dark:text-emerald-300">Pros</dt>
                      <dd className="whitespace-pre-wrap">{approach.pros}</dd>
                    </>
                  )}
                  {approach.cons && (
                    <>
                      <dt className="font-medium text-red-800 dark:text-red-300">Cons</dt>
                      <dd className="whitespace-pre-wrap">{approach.cons}</dd>
                    </>
                  )}
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          aria-label="Add an approach"
          className="mt-3 space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
          onSubmit={(event) => {
            event.preventDefault();
            void write("/approaches", "POST", { name, pros, cons }).then((failed) => {
              if (failed) return;
              setName("");
              setPros("");
              setCons("");
            });
          }}
        >
          <Field label="Approach" hint="Press A to come here.">
            {(props) => <Input {...props} ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Cache per request in memory" />}
          </Field>
          <div className="grid gap-2 sm:grid-cols-2">
            <Field label="Pros">{(props) => <Textarea {...props} rows={2} value={pros} onChange={(e) => setPros(e.target.value)} className="font-sans" />}</Field>
            <Field label="Cons">{(props) => <Textarea {...props} rows={2} value={cons} onChange={(e) => setCons(e.target.value)} className="font-sans" />}</Field>
          </div>
          <Button type="submit" size="sm" disabled={!name.trim()}>
            Add approach
          </Button>
        </form>
      )}
    </Section>
  );
}

export function Interrupts({ session, write, editable }: ItemProps) {
  const [note, setNote] = useState("");
  const [logged, setLogged] = useState("");
  async function log(index: number) {
    const category = INTERRUPT_CATEGORIES[index];
    if (!category) return;
    const failed = await write("/interrupts", "POST", { category, note });
    if (!failed) {
      setNote("");
      setLogged(`Logged: ${INTERRUPT_LABELS[category]}`);
    }
  }
  // One keystroke per category, anywhere on the page but in a text field.
  useHotkeys("1,2,3,4,5", (event) => void log(Number(event.key) - 1), { enabled: editable && session.state === "active", preventDefault: true }, [note]);
  const counts = INTERRUPT_CATEGORIES.map((c) => session.interrupts.filter((i) => i.category === c).length);
  return (
    <Section title="Interrupts" description={editable ? "Stop the AI early when it goes wrong. Press 1–5 to log one." : undefined}>
      {editable && session.state === "active" && (
        <div className="space-y-2">
          <Field label="Note for the next interrupt" hint="Optional: what went wrong.">
            {(props) => <Input {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <p role="status" className="min-h-4 text-xs text-emerald-800 dark:text-emerald-300">
            {logged}
          </p>
          <div className="flex flex-wrap gap-1.5" role="group" aria-label="Log an interrupt">
            {INTERRUPT_CATEGORIES.map((category, index) => (
              <Button key={category} size="sm" onClick={() => void log(index)}>
                <kbd className="rounded border border-zinc-300 px-1 font-mono text-[0.6875rem] dark:border-zinc-600">{index + 1}</kbd>
                {INTERRUPT_LABELS[category]}
              </Button>
            ))}
          </div>
        </div>
      )}
      {session.interrupts.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No interrupts yet.</p>
      ) : (
        <>
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            {INTERRUPT_CATEGORIES.flatMap((c, i) => (counts[i] ? [`${INTERRUPT_LABELS[c]} ${counts[i]}`] : [])).join(" · ")}
          </p>
          <ul className="mt-1 space-y-1 text-sm" aria-label="Interrupts logged">
            {[...session.interrupts].reverse().map((interrupt) => (
              <li key={interrupt.id}>
                <span className="font-medium">{INTERRUPT_LABELS[interrupt.category]}</span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400"> · {PHASE_LABELS[interrupt.phase]}</span>
                {interrupt.note && <span className="block text-zinc-700 dark:text-zinc-300">{interrupt.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function ReviewNotes({ session, write, editable }: ItemProps) {
  const [body, setBody] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  useHotkeys("n", () => inputRef.current?.focus(), { enabled: editable, preventDefault: true });
  const open = session.notes.filter((n) => !n.doneAt).length;
  return (
    <Section title="Review notes" description={session.notes.length ? `${open} open of ${session.notes.length}. Tick them off in Refinement.` : "Queue what to look at later, without stopping now."}>
      {editable && (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void write("/notes", "POST", { body }).then((failed) => !failed && setBody(""));
          }}
        >
          <Field label="Review note" labelHidden className="flex-1">
            {(props) => <Input {...props} ref={inputRef} value={body} onChange={(e) => setBody(e.target.value)} placeholder="e.g. Check the retry on timeout (press N)" />}
          </Field>
          <Button type="submit" size="md" disabled={!body.trim()}>
            Queue note
          </Button>
        </form>
      )}
      {session.notes.length > 0 && (
        <ul className="mt-2 space-y-1" aria-label="Queued review notes">
          {session.notes.map((note) => (
            <NoteRow key={note.id} note={note} write={write} editable={editable} />
          ))}
        </ul>
      )}
    </Section>
  );
}

/** A queued note; ticking it shows at once and is undone if the server refuses. */
function NoteRow({ note, write, editable }: { note: SessionView["notes"][number]; write: Write; editable: boolean }) {
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? note.doneAt !== null;
  return (
    <li>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-indigo-600"
          checked={checked}
          disabled={!editable}
          onChange={(e) => {
            setPending(e.target.checked);
            void write(`/notes/${note.id}`, "PATCH", { done: e.target.checked }).then(() => setPending(null));
          }}
        />
        <span className={cn(checked && "text-zinc-500 line-through dark:text-zinc-500")}>{note.body}</span>
      </label>
    </li>
  );
}
