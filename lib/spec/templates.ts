// Built-in spec templates. Each has all eight sections as `## Heading`, guidance in HTML comments
// (invisible when rendered, ignored by the lint) and `{{PLACEHOLDERS}}` for what only the author
// knows. The lint flags every placeholder (`unfilled-placeholder`), so an untouched template
// scores low and points at what to fill in. Placeholders are plain text, not inside code, so the
// lint sees them. FILLED_EXAMPLES shows each template filled in for a realistic task.

export interface SpecTemplate {
  id: string;
  name: string;
  description: string;
  markdown: string;
}

export type BuiltInTemplateId = "feature-flag-removal" | "unit-tests" | "diagnosed-bug-fix" | "reference-based-change";

const featureFlagRemoval = `## Outcome

The feature flag {{FLAG_NAME}} no longer exists: the {{on/off}} behaviour is the only behaviour, and every read of the flag is gone.

## Context

<!-- Why the flag can go now: rollout status, since when, who agreed. One short paragraph. -->
{{Rollout status, e.g. "on for 100% of workspaces since 3 March, no incidents"}}

## References

<!-- Every place the flag is defined or read, with line numbers. Search for the flag name. -->
- Definition: {{path/to/flags.ts:line}}
- Reads: {{path/to/file.ts:line}}

## Requirements

- Delete the definition of {{FLAG_NAME}} and every read of it.
- Keep the {{on/off}} branch at each read; delete the other branch and any code, styles and tests that only it used.
- Users see no change: the app behaves exactly as it does today with the flag {{on/off}}.

## Examples

<!-- One read before and after, or an earlier flag removal to follow. -->
{{Before/after of one read, or "follow the pattern in <PR or commit>"}}

## Success criteria

- [ ] Searching the repository for {{FLAG_NAME}} finds nothing (code, tests, configuration, docs).
- [ ] {{A user-visible check, e.g. "the topics page renders the v2 list"}}
- [ ] Type check, lint and the full test suite pass.

## Boundaries

<!-- What the agent must not touch. -->
- Do not refactor the surviving code beyond removing the dead branch.
- Do not remove other flags, even ones that look stale.
- {{Anything else that is out of scope}}

## Tests

<!-- Test files that set the flag, and the command to run. -->
- Update or delete the tests that set {{FLAG_NAME}}: {{path/to/file.test.ts}}
- Run: {{test command}}
`;

const unitTests = `## Outcome

{{module}} has unit tests covering {{the behaviours that matter}}, so that it can be changed safely. No production code changes.

## Context

<!-- Why now: an upcoming change, a past bug, coverage that is missing. -->
{{Why these tests are needed now}}

## References

<!-- The module under test with its line range, and an existing test file to use as the model. -->
- Module under test: {{path/to/module.ts:start-end}}
- Existing tests to model on: {{path/to/existing.test.ts:start-end}}

## Requirements

<!-- The behaviours to cover, one per line. Include edge cases and error cases. -->
- {{Behaviour 1, e.g. "returns an empty page when the offset is past the end"}}
- {{Behaviour 2}}
- {{Error case, e.g. "throws RangeError for a negative page size"}}

## Examples

<!-- One test written out, or the test file whose structure to mirror. -->
{{One example test, or the file to mirror}}

## Success criteria

- [ ] Every behaviour listed under Requirements has at least one test.
- [ ] The new tests pass, and fail when the behaviour they cover is broken.
- [ ] {{Coverage or other measurable bar, e.g. "line coverage of the module is at least 90%"}}

## Boundaries

- Do not change production code. If a behaviour looks like a bug, write the test as the code behaves today, mark it, and report it.
- Do not add test dependencies.
- {{Anything else that is out of scope}}

## Tests

- New test file: {{path/to/module.test.ts}}
- Run: {{test command}}
`;

const diagnosedBugFix = `## Outcome

{{What is wrong, in one sentence}} is fixed: {{what the user sees instead}}.

## Context

<!-- The diagnosis: how to reproduce it, what happens, what should happen, and the root cause. -->
- Steps to reproduce: {{steps}}
- Actual: {{what happens}}
- Expected: {{what should happen}}
- Root cause: {{why it happens, as precisely as you know}}

## References

<!-- The faulty line, and the code around it that the fix must respect. -->
- Cause: {{path/to/file.ts:line}}
- Callers: {{path/to/caller.ts:line}}

## Requirements

- Fix the cause at {{path/to/file.ts:line}}, not its symptoms in the callers.
- {{Behaviour the fix must keep, e.g. "invoices inside one month are unchanged"}}

## Examples

<!-- Concrete input and the expected output, before and after. -->
{{Input → actual output → expected output}}

## Success criteria

- [ ] A test reproduces the bug and fails without the fix.
- [ ] With the fix, the test passes and the existing tests still pass.
- [ ] {{User-visible check}}

## Boundaries

- Do not refactor the surrounding code; keep the diff to the fix and its test.
- {{Related problems to leave alone, e.g. "the rounding issue in taxes is a separate task"}}

## Tests

<!-- The regression test to add, and the command to run. -->
- Regression test in: {{path/to/file.test.ts}}
- Run: {{test command}}
`;

const referenceBasedChange = `## Outcome

{{The new behaviour}} works the same way as {{the existing reference}}.

## Context

<!-- What exists, what is missing, who needs it. -->
{{Why this change, and who is waiting for it}}

## References

<!-- The reference implementation to mirror, with its line range, and the place to change. -->
- Reference to mirror: {{path/to/reference.ts:start-end}}
- Place to change: {{path/to/target.ts:line}}

## Requirements

- Mirror the reference: same structure, naming, validation and error handling.
- {{What differs from the reference, if anything}}

## Examples

<!-- A request and response, or a call and its result, for the new behaviour. -->
{{Example input and output}}

## Success criteria

- [ ] {{The new behaviour, checkable}}
- [ ] The reference implementation is unchanged.
- [ ] Type check, lint and the full test suite pass.

## Boundaries

- Do not change the reference implementation or extract shared code from it; duplication is fine for now.
- {{Anything else that is out of scope}}

## Tests

<!-- Mirror the reference's tests. -->
- Tests in: {{path/to/target.test.ts}}, modelled on {{path/to/reference.test.ts}}
- Run: {{test command}}
`;

export const BUILT_IN_TEMPLATES: SpecTemplate[] = [
  {
    id: "feature-flag-removal",
    name: "Feature flag removal",
    description: "Remove a fully rolled-out feature flag and the dead branch behind it.",
    markdown: featureFlagRemoval,
  },
  {
    id: "unit-tests",
    name: "Unit tests for a module",
    description: "Add unit tests for an existing module without changing it.",
    markdown: unitTests,
  },
  {
    id: "diagnosed-bug-fix",
    name: "Diagnosed bug fix",
    description: "Fix a bug whose cause is already known, with a regression test.",
    markdown: diagnosedBugFix,
  },
  {
    id: "reference-based-change",
    name: "Reference-based change",
    description: "Build something new by mirroring an existing implementation.",
    markdown: referenceBasedChange,
  },
];

export const FILLED_EXAMPLES: Record<BuiltInTemplateId, string> = {
  "feature-flag-removal": `## Outcome

The feature flag ENABLE_TOPICS_V2 no longer exists: the "on" behaviour (the v2 topic list) is the only behaviour, and every read of the flag is gone.

## Context

Topics v2 has been on for 100% of workspaces since 3 March with no incidents, and product agreed on 20 March to drop v1. The flag now only adds a branch to every topic screen.

## References

- Definition: \`src/config/flags.ts:12\`
- Reads: \`src/topics/TopicList.tsx:30-58\`, \`src/topics/TopicSidebar.tsx:14\`, \`src/server/topics/query.ts:77-90\`
- v1-only component to delete: \`src/topics/TopicListV1.tsx\`

## Requirements

- Delete the definition of ENABLE_TOPICS_V2 and every read of it.
- Keep the "on" branch at each read; delete the "off" branch, \`TopicListV1.tsx\` and its stylesheet \`src/topics/topic-list-v1.module.css\`.
- Users see no change: the app behaves exactly as it does today with the flag on.

## Examples

Before, in \`TopicList.tsx\`:

\`\`\`tsx
return flags.ENABLE_TOPICS_V2 ? <TopicListV2 topics={topics} /> : <TopicListV1 topics={topics} />;
\`\`\`

After:

\`\`\`tsx
return <TopicListV2 topics={topics} />;
\`\`\`

## Success criteria

- [ ] Searching the repository for ENABLE_TOPICS_V2 finds nothing (code, tests, configuration, docs).
- [ ] The topics page renders the v2 list for a workspace with no flag overrides.
- [ ] Type check, lint and the full test suite pass.

## Boundaries

- Do not refactor TopicListV2 beyond removing the dead branch.
- Do not remove other flags, even ones that look stale.
- Do not touch the topics API contract.

## Tests

- Delete the v1 cases in \`src/topics/TopicList.test.tsx\` and drop the flag override from \`src/config/flags.test.ts\`.
- Run: \`npm test -- topics flags\`
`,

  "unit-tests": `## Outcome

\`src/lib/pagination.ts\` has unit tests covering page arithmetic, cursor encoding and invalid input, so that it can be changed safely. No production code changes.

## Context

We are about to switch the projects API to cursor pagination, which touches this module, and it has no tests today. Two bugs in March (wrong last page, negative offsets) came from here.

## References

- Module under test: \`src/lib/pagination.ts:1-140\`
- Existing tests to model on: \`src/lib/sorting.test.ts:1-60\`

## Requirements

- \`pageCount(total, size)\`: 0 items → 0 pages; 1 item → 1 page; exact multiples; one over a multiple.
- \`slicePage(items, page, size)\`: first page, last partial page, a page past the end returns \`[]\`.
- \`encodeCursor\` / \`decodeCursor\`: round-trip; decoding a tampered cursor returns \`null\`.
- Invalid input: a negative or zero page size throws \`RangeError\`.

## Examples

Mirror the structure of \`sorting.test.ts\`: one \`describe\` per function, table-driven cases.

\`\`\`ts
it.each([
  [0, 10, 0],
  [1, 10, 1],
  [20, 10, 2],
  [21, 10, 3],
])("pageCount(%i, %i) is %i", (total, size, pages) => {
  expect(pageCount(total, size)).toBe(pages);
});
\`\`\`

## Success criteria

- [ ] Every behaviour listed under Requirements has at least one test.
- [ ] The new tests pass, and fail when the behaviour they cover is broken (check by flipping a comparison).
- [ ] Line coverage of \`src/lib/pagination.ts\` is at least 90%.

## Boundaries

- Do not change production code. If a behaviour looks like a bug, write the test as the code behaves today, mark it with \`it.fails\`, and report it.
- Do not add test dependencies.

## Tests

- New test file: \`src/lib/pagination.test.ts\`
- Run: \`npx vitest run src/lib/pagination.test.ts --coverage\`
`,

  "diagnosed-bug-fix": `## Outcome

Invoices for a billing period that ends on the last day of a month include that last day: the invoice for March covers 1–31 March, not 1–30 March.

## Context

- Steps to reproduce: create a subscription billed monthly from 1 March, record usage on 31 March, generate the March invoice.
- Actual: the usage from 31 March is missing; it appears on the April invoice instead.
- Expected: the March invoice includes 31 March.
- Root cause: \`invoiceRange\` builds the end of the period with \`<\` on the last day instead of \`<=\`, an off-by-one that only shows when the period ends on the last day of a month.

## References

- Cause: \`src/billing/invoice-range.ts:88\`
- Callers: \`src/billing/generate-invoice.ts:41\`, \`src/billing/usage-summary.ts:63\`

## Requirements

- Fix the comparison at \`src/billing/invoice-range.ts:88\` so that the last day of the period is included.
- Invoices for periods that end mid-month are unchanged.
- Do not double-count: a day belongs to exactly one period.

## Examples

| period | usage days | before | after |
| --- | --- | --- | --- |
| 1–31 March | 31 March | April invoice | March invoice |
| 15 March – 14 April | 14 April | April invoice | April invoice (unchanged) |

## Success criteria

- [ ] A test reproduces the bug (usage on 31 March) and fails without the fix.
- [ ] With the fix, that test passes and the existing billing tests still pass.
- [ ] A day at a period boundary is counted in exactly one invoice.

## Boundaries

- Do not refactor \`invoice-range.ts\` beyond the fix; keep the diff to the fix and its test.
- Leave the tax rounding issue alone; it is a separate task.

## Tests

- Regression test in: \`src/billing/invoice-range.test.ts\`
- Run: \`npm test -- invoice-range\`
`,

  "reference-based-change": `## Outcome

\`GET /v2/projects\` returns projects one page at a time with cursor pagination, the same way \`GET /v2/users\` does: 50 per page by default, with a \`nextCursor\` until the last page.

## Context

Workspaces with thousands of projects time out on \`GET /v2/projects\`, which returns everything at once. The web app's project picker is waiting for this to load projects page by page.

## References

- Reference to mirror: \`src/api/v2/users.ts:40-95\`
- Place to change: \`src/api/v2/projects.ts:18\`
- Cursor helpers: \`src/lib/pagination.ts:60-110\`

## Requirements

- Mirror the reference: same query parameters (\`cursor\`, \`limit\`), same validation, same response shape and error codes.
- Sort by \`createdAt\` then \`id\`, like users, so that the cursor is stable.
- \`limit\` defaults to 50 and is capped at 200.

## Examples

\`\`\`http
GET /v2/projects?limit=2

200 OK
{ "items": [{ "id": "p1" }, { "id": "p2" }], "nextCursor": "eyJpZCI6InAyIn0" }
\`\`\`

The last page has \`"nextCursor": null\`. An invalid cursor returns \`400\` with code \`invalid_cursor\`.

## Success criteria

- [ ] Paging through all projects with \`nextCursor\` returns each project exactly once.
- [ ] \`limit\` above 200 is capped, and an invalid cursor returns 400 \`invalid_cursor\`.
- [ ] \`src/api/v2/users.ts\` is unchanged.

## Boundaries

- Do not change the users endpoint or extract shared code from it; duplication is fine for now.
- Do not change the v1 projects endpoint.

## Tests

- Tests in: \`src/api/v2/projects.test.ts\`, modelled on \`src/api/v2/users.test.ts\`
- Run: \`npm test -- api/v2/projects\`
`,
};
