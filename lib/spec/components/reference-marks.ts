"use client";

import { StateEffect, StateField, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import { findSpecReferences } from "../lint";
import { isBroken, type ReferenceCheck } from "../references";

// A check mark or a warning sign right after each file reference in the editor, once the server
// has checked it against the repository (lib/github/code.ts): the answers arrive as an effect,
// and the marks follow the text as it is edited until the next answer.

export type ReferenceChecks = ReadonlyMap<string, ReferenceCheck>;

export const setReferenceChecks = StateEffect.define<ReferenceChecks>();

class ReferenceMark extends WidgetType {
  constructor(readonly check: ReferenceCheck) {
    super();
  }
  eq(other: ReferenceMark) {
    return other.check.status === this.check.status && other.check.message === this.check.message;
  }
  toDOM() {
    const broken = isBroken(this.check);
    const mark = document.createElement("span");
    mark.className = `cm-reference-mark ${broken ? "cm-reference-broken" : "cm-reference-found"}`;
    mark.textContent = broken ? "⚠" : "✓";
    mark.setAttribute("role", "img");
    const words = this.check.message;
    mark.setAttribute("aria-label", `${broken ? "Broken reference" : "Reference checked"}: ${words}`);
    mark.title = words;
    return mark;
  }
}

function marksFor(state: EditorState, checks: ReferenceChecks): DecorationSet {
  if (checks.size === 0) return Decoration.none;
  const marks = [];
  for (const ref of findSpecReferences(state.doc.toString())) {
    const check = checks.get(ref.text);
    // Unchecked references (GitHub did not send the file) get no mark rather than a false one.
    if (check && check.status !== "unchecked") marks.push(Decoration.widget({ widget: new ReferenceMark(check), side: 1 }).range(ref.to));
  }
  return Decoration.set(marks);
}

export const referenceChecksField = StateField.define<{ checks: ReferenceChecks; marks: DecorationSet }>({
  create: () => ({ checks: new Map(), marks: Decoration.none }),
  update(value, transaction) {
    let checks = value.checks;
    for (const effect of transaction.effects) if (effect.is(setReferenceChecks)) checks = effect.value;
    if (checks === value.checks && !transaction.docChanged) return value;
    return { checks, marks: marksFor(transaction.state, checks) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.marks),
});

const markTheme = EditorView.baseTheme({
  ".cm-reference-mark": { marginLeft: "0.2em", fontSize: "0.85em", cursor: "default" },
  ".cm-reference-found": { color: "var(--cm-ok)" },
  ".cm-reference-broken": { color: "var(--cm-warn)" },
});

export const referenceMarks: Extension = [referenceChecksField, markTheme];
