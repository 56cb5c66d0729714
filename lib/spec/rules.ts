// The spec lint's rules: every weight and threshold in one place (LINT_CONFIG), and a title and
// description per rule (RULES) for docs and the UI. lint.ts reads only these numbers.

export const RULE_IDS = [
  "outcome-stated",
  "code-reference",
  "example-or-pattern",
  "success-criteria",
  "tests-named",
  "boundaries-stated",
  "vague-language",
  "context-overload",
  "not-self-contained",
  "unfilled-placeholder",
  "reference-check",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * Weights and thresholds. Positive rules award `points` (they sum to 100) for what makes a spec
 * delegable; penalty rules subtract for what makes delegated work fail. The score is clamped to
 * 0–100 and rounded. `missingSeverity` is the severity of the finding when a positive rule earns
 * nothing; a rule that earns partial credit always reports a warning.
 */
export const LINT_CONFIG = {
  // Fraction of a positive rule's points given for a partial answer (goal only in the intro,
  // a path without a line, one success criterion or only a named test as the check, a Tests
  // section that names nothing). Half: the spec is on its way, but an agent still has to guess.
  partialCredit: 0.5,

  // How the weights were set: a spec is delegable when an agent can do it without asking — it
  // knows the outcome, the place in the code, and how to check it is done. Those three are the
  // core (outcome 25 + code 25 + a check: success criteria 20, tests 15, either earning part of
  // the other's role), and together they reach the default threshold of 70 on their own: outcome,
  // place and a criteria list make 70; outcome, place and a named test make 75. An example and
  // boundaries make a good spec better, but a small change is delegable without them, so they
  // weigh least. Calibrated against lib/spec/corpus (48 labelled specs): see docs/decisions.md.

  "outcome-stated": {
    // 25: the outcome is what the agent optimises for; without it every other section is
    // unanchored. One of the three biggest reasons delegated work comes back wrong. (Was 20; the
    // corpus's small, clear tasks — a copy change, a diagnosed bug — fell short with it.)
    points: 25,
    // 8 words is about the shortest sentence that names a change *and* its effect
    // ("Paginate GET /v2/projects with a cursor, 50 per page."); "Add dark mode" is not enough.
    minWords: 8,
    missingSeverity: "error",
  },

  "code-reference": {
    // 25: the exact place in the code (`src/pagination.ts:142`, `InvoicesPage.tsx:88`) saves the
    // agent the exploration that a person would otherwise do in a pairing session; it is the
    // cheapest precision to add, and without it the agent cannot start. (Was 20.)
    points: 25,
    missingSeverity: "error",
  },

  "example-or-pattern": {
    // 10: an example or an existing pattern to mirror pins down style and shape better than
    // prose, but a spec can be delegable without one when the change is mechanical. (Was 15.)
    points: 10,
    missingSeverity: "warning",
  },

  "success-criteria": {
    // 20: a list of criteria is how the reviewer (and the agent) know the work is done; without
    // it the batch review turns into a rediscovery of intent. Checkboxes, bullets and numbered
    // items all count: the reviewer's checklist (criteria.ts) is built from any of them. With no
    // criteria but a named test, half: the test is one mechanical check.
    points: 20,
    // 2 items: a single criterion is usually just the outcome restated; two or more start to
    // cover the edges (behaviour + regression, or behaviour + no side effect).
    minItems: 2,
    missingSeverity: "error",
  },

  "tests-named": {
    // 15: naming the test file or command makes success mechanically checkable; a little less
    // than success criteria, which can be checked by reading when tests are not the right tool.
    // Named anywhere outside code counts ("…and run npm test -- invoices" in a paragraph).
    points: 15,
    missingSeverity: "warning",
  },

  "boundaries-stated": {
    // 5: "out of scope" prevents the helpful-but-unwanted refactor; valuable, but most small
    // specs are still delegable without it, so it weighs least. (Was 10.)
    points: 5,
    missingSeverity: "warning",
  },

  "vague-language": {
    // 5 per occurrence: each vague phrase ("somehow", "etc.") is a decision left to the agent.
    // Small per phrase, because one slip in an otherwise precise spec is survivable…
    penalty: 5,
    // …except "TBD" and "TODO", which are decisions not made rather than loose wording: 10 each,
    // as much as an unfilled placeholder, which is what they are.
    openDecisionPenalty: 10,
    // …capped at 20 (four phrases) so that a spec is not punished twice for one habit; the
    // findings still list every occurrence.
    maxPenalty: 20,
  },

  "context-overload": {
    // Above 1,500 words an agent starts to lose the thread: the outcome drowns in pasted context.
    longWords: 1500,
    longPenalty: 5,
    // Above 3,000 words (replaces the 5 above) the task is almost certainly several tasks, or
    // documents were pasted that should be linked.
    veryLongWords: 3000,
    veryLongPenalty: 10,
    // More than 15 distinct file references means the change is too wide to review in a batch.
    maxReferences: 15,
    referencesPenalty: 5,
  },

  "not-self-contained": {
    // References spread over more than 4 top-level areas (src, app, lib, packages/billing, …)
    // mean several subsystems must be coordinated: that is Leverage-lane work, not delegation.
    maxAreas: 4,
    // 10 at five areas, and 5 more for each further area: every subsystem added is one more to
    // coordinate, and the agent wanders across the codebase.
    penalty: 10,
    perExtraArea: 5,
    // Monorepo roots: a path under these counts two segments as its area (`packages/billing`).
    monorepoRoots: ["packages", "apps", "services"],
  },

  "unfilled-placeholder": {
    // 10 each, an error: a `{{PLACEHOLDER}}` left in means the template was not finished, and the
    // agent will either stop or invent the value.
    penalty: 10,
    // Capped at 30 so that an untouched template scores low but still shows what it has.
    maxPenalty: 30,
  },
} as const;

export const RULES: Record<RuleId, { title: string; description: string }> = {
  "outcome-stated": {
    title: "Outcome stated",
    description: `An Outcome section says in at least ${LINT_CONFIG["outcome-stated"].minWords} words what is true when the task is done. A goal stated only in the opening paragraph earns half.`,
  },
  "code-reference": {
    title: "Exact place in the code",
    description:
      "At least one precise reference: a file path or bare file name with a line or range, such as src/pagination.ts:142, InvoicesPage.tsx:88, CustomerActions.tsx:45-67 or users.ts#L40-L95. A path without a line earns half.",
  },
  "example-or-pattern": {
    title: "Example or pattern to follow",
    description:
      'An Examples (or Pattern) section, a fenced code block, or a pointer to an existing pattern ("follow the pattern in", "same as", "the same way", "the existing … pattern", "as the model", "mirror").',
  },
  "success-criteria": {
    title: "Success criteria checklist",
    description: `A Success criteria (or Acceptance criteria, Done when) section with at least ${LINT_CONFIG["success-criteria"].minItems} list items: checkboxes (- [ ] …), bullets or numbers. One item, or no list but a named test, earns half.`,
  },
  "tests-named": {
    title: "Tests named",
    description:
      "A test file (*.test.ts, *_test.go, test_*.py, *.spec.ts) or a command (npm test, vitest, pytest, go test, cargo test) named in a Tests section or anywhere outside code. A Tests section that names neither earns half.",
  },
  "boundaries-stated": {
    title: "Boundaries stated",
    description: "A Boundaries (out of scope) section says what the agent must not change.",
  },
  "vague-language": {
    title: "Vague language",
    description: `Phrases that leave a decision to the agent ("somehow", "figure out the best way", "as needed", "etc.", "TBD", "TODO"). −${LINT_CONFIG["vague-language"].penalty} each (TBD and TODO −${LINT_CONFIG["vague-language"].openDecisionPenalty}), at most −${LINT_CONFIG["vague-language"].maxPenalty}.`,
  },
  "context-overload": {
    title: "Context overload",
    description: `More than ${LINT_CONFIG["context-overload"].longWords} words (−${LINT_CONFIG["context-overload"].longPenalty}), more than ${LINT_CONFIG["context-overload"].veryLongWords} (−${LINT_CONFIG["context-overload"].veryLongPenalty}), or more than ${LINT_CONFIG["context-overload"].maxReferences} distinct file references (−${LINT_CONFIG["context-overload"].referencesPenalty}). Link instead of pasting, or split the task.`,
  },
  "not-self-contained": {
    title: "Not self-contained",
    description: `References span more than ${LINT_CONFIG["not-self-contained"].maxAreas} top-level areas of the codebase, so several subsystems must be coordinated: consider the Leverage lane. −${LINT_CONFIG["not-self-contained"].penalty}, and −${LINT_CONFIG["not-self-contained"].perExtraArea} more for each further area.`,
  },
  "unfilled-placeholder": {
    title: "Unfilled placeholder",
    description: `A {{PLACEHOLDER}} from a template is still in the text. −${LINT_CONFIG["unfilled-placeholder"].penalty} each, at most −${LINT_CONFIG["unfilled-placeholder"].maxPenalty}.`,
  },
  "reference-check": {
    title: "References checked against the code",
    description:
      "On a board linked to a GitHub repository, each file reference is looked up at the default branch: the file must exist (a bare file name or a partial path must match exactly one file) and the lines it names must exist. A broken reference is a warning with the fix; it does not change the score, which measures how the spec is written.",
  },
};
