// Demo data: `npm run db:seed` (or `seedDemo(prisma)` from tests). Creates the four demo users
// from ./demo, the "Acme" workspace (boards WEB and API) and the "Globex" workspace (board PLT),
// with triage answers, and specs with their revision history (scored by the spec lint at seed
// time) on the Acme delegate tasks and a few leverage briefs. Acme also gets three agents (Devin,
// Copilot, Claude Code) with delegate tasks assigned to them, attempts whose diffs are read from
// ./demo-diffs (real changes from this repository, see scripts/make-demo-diffs.ts), and reviews.
// Idempotent: does nothing when the "acme" workspace already exists.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import {
  PrismaClient,
  type AgentKind,
  type ChecksStatus,
  type Lane,
  type Prisma,
  type SubmissionSource,
  type TaskStatus,
} from "../lib/core/generated/prisma/client";
import { DIFF_LIMIT_BYTES } from "../lib/agent/schema";
import { keysBetween } from "../lib/board/ordering";
import { lintSpec } from "../lib/spec/lint";
import { recommendLane, TRIAGE_QUESTIONS, type TriageAnswers, type TriageQuestionId } from "../lib/task/triage";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey } from "./demo";

// ---------------------------------------------------------------------------------------------
// Data. Tasks are listed in creation order: the Nth entry of a board becomes KEY-N, and within a
// (lane, status) cell cards appear in the order they are listed here.
// ---------------------------------------------------------------------------------------------

interface SeedTask {
  title: string;
  lane: Lane;
  status: TaskStatus;
  labels?: string[];
  /** Assignee; unassigned when omitted. */
  owner?: DemoUserKey;
  createdBy: DemoUserKey;
  /** Days before now the task was created (keep decreasing down the list). */
  createdDaysAgo: number;
  /** Days before now the task was last changed; defaults to createdDaysAgo. */
  updatedDaysAgo?: number;
  /** Markdown, one entry per line. */
  description: string[];
  /**
   * Triage answers (lib/task/triage.ts). Default: all five delegate questions yes for a delegate
   * task, none (untriaged) otherwise. Leverage tasks name the leverage conditions that hold.
   */
  triage?: TriageAnswers;
  /** Delegated although the triage does not recommend it: the reason recorded with the decision. */
  overDelegated?: string;
  /**
   * Spec revisions, oldest first; the last one is the current spec. Scores come from lintSpec at
   * seed time. Authors alternate, starting with `createdBy`.
   */
  spec?: string[];
}

/** Markdown written indented in the source: drops the common indentation and surrounding blank lines. */
function md(strings: TemplateStringsArray): string {
  const lines = strings.join("").replace(/^\n+/, "").trimEnd().split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim() !== "").map((line) => line.length - line.trimStart().length));
  return `${lines.map((line) => line.slice(indent)).join("\n")}\n`;
}

/** A complete triage: the given questions answered yes, the other questions of the ten no. */
function triaged(...yes: TriageQuestionId[]): Record<TriageQuestionId, boolean> {
  const answers = {} as Record<TriageQuestionId, boolean>;
  for (const question of TRIAGE_QUESTIONS) answers[question.id] = yes.includes(question.id);
  return answers;
}

/** Known work: every delegate condition holds and no leverage condition does. */
const DELEGATE_TRIAGE = triaged("knowWhat", "examples", "approachObvious", "successDefined", "selfContained");

const WEB_TASKS: SeedTask[] = [
  {
    title: "Remove the ENABLE_TOPICS_V2 feature flag",
    lane: "delegate",
    status: "done",
    labels: ["tech-debt"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 29.6,
    updatedDaysAgo: 27.2,
    description: [
      "Topics v2 has been at 100% rollout for six weeks. Remove the flag and the v1 code path.",
      "",
      "- Delete `ENABLE_TOPICS_V2` from `src/config/flags.ts`",
      "- Remove `src/topics/legacy/` and its tests",
      "- Keep the v2 components as they are; no behaviour change",
    ],
    spec: [
      md`
        Remove ENABLE_TOPICS_V2 and the old topics code, it has been at 100% for six weeks.

        - the flag is in src/config/flags.ts
        - the legacy code is in src/topics/legacy/
      `,
      md`
        ## Outcome

        ENABLE_TOPICS_V2 is gone and topics v2 is the only code path.

        ## References

        - Flag definition: \`src/config/flags.ts:12\`
        - Legacy code: \`src/topics/legacy/\`

        ## Requirements

        - Delete the flag and the v1 code.
        - Clean up the tests etc.

        ## Success criteria

        - [ ] No reads of the flag remain.
      `,
      md`
        ## Outcome

        The \`ENABLE_TOPICS_V2\` feature flag no longer exists: topics v2 is the only code path, and the v1 implementation under \`src/topics/legacy/\` is deleted.

        ## Context

        Topics v2 has been at 100% rollout for six weeks with no incidents and no open bugs against it. The flag now only adds a branch to every topic screen and keeps about 2,400 lines of v1 code alive.

        ## References

        - Definition: \`src/config/flags.ts:12\`
        - Reads: \`src/topics/TopicsPage.tsx:24-41\`, \`src/topics/useTopics.ts:9\`, \`src/server/topics/list.ts:55-63\`
        - v1 entry point to delete, with the rest of its folder: \`src/topics/legacy/index.ts\`

        ## Requirements

        - Delete the \`ENABLE_TOPICS_V2\` entry and every read of it.
        - At each read keep the v2 branch and delete the v1 branch.
        - Delete \`src/topics/legacy/\` with its tests and stories.

        ## Examples

        Before, in \`TopicsPage.tsx\`:

        \`\`\`tsx
        const List = flags.ENABLE_TOPICS_V2 ? TopicListV2 : LegacyTopicList;
        \`\`\`

        After:

        \`\`\`tsx
        const List = TopicListV2;
        \`\`\`

        ## Success criteria

        - [ ] Searching the repository for \`ENABLE_TOPICS_V2\` and \`topics/legacy\` finds nothing.
        - [ ] The topics page renders the v2 list for a workspace with no flag overrides.
        - [ ] Type check, lint and the full test suite pass.

        ## Boundaries

        - No behaviour change: do not touch the v2 components beyond removing the dead branch.
        - Do not remove other flags, even ones that look stale.

        ## Tests

        - Drop the v1 cases from \`src/topics/TopicsPage.test.tsx\` and the flag override in \`src/config/flags.test.ts\`.
        - Run: \`npm test -- topics flags\`
      `,
    ],
  },
  {
    title: "Diagnose the checkout race condition",
    lane: "leverage",
    status: "done",
    labels: ["bug", "billing"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 29.1,
    updatedDaysAgo: 24.5,
    description: [
      "About 1 in 400 orders ends up with a cart total that doesn't match the line items.",
      "Only seen when a coupon is applied and removed quickly.",
      "",
      "Suspect the optimistic update in `src/checkout/cart.ts:142` racing the server recalculation.",
      "Outcome: root cause written up below, fix split out as WEB-10.",
    ],
    triage: triaged("diagnosis", "examples"),
  },
  {
    title: "Add unit tests for src/lib/pagination.ts",
    lane: "delegate",
    status: "done",
    labels: ["dx"],
    owner: "member",
    createdBy: "member",
    createdDaysAgo: 27.8,
    updatedDaysAgo: 25.9,
    description: [
      "`paginate()` and `pageRange()` have no coverage. Add Vitest cases for:",
      "",
      "- first, middle and last page",
      "- `total = 0` and `pageSize > total`",
      "- negative or non-integer page numbers (should clamp to 1)",
    ],
    spec: [
      md`
        ## Outcome

        \`paginate()\` and \`pageRange()\` in \`src/lib/pagination.ts\` are covered by Vitest unit tests, including the edge cases behind the two paging bugs in March. No production code changes.

        ## Context

        The module has no tests, and both functions are used by every list endpoint and by the project list. Cursor pagination (API-6) is about to touch it.

        ## References

        - Module under test: \`src/lib/pagination.ts:1-86\` (\`paginate\` at line 14, \`pageRange\` at line 52)
        - Test file to model on: \`src/lib/sorting.test.ts:1-48\`

        ## Requirements

        - \`paginate(items, page, pageSize)\`: first, middle and last page, and a last page that is only partly full.
        - \`total = 0\` returns an empty page with \`pageCount: 0\`; \`pageSize > total\` returns a single page.
        - A negative, zero or non-integer page number is clamped to 1.
        - \`pageRange(current, count)\`: a window of five pages, clipped at both ends.

        ## Examples

        Mirror the table-driven style of \`sorting.test.ts\`:

        \`\`\`ts
        it.each([
          [-3, 1],
          [0, 1],
          [2.5, 1],
        ])("clamps page %s to %s", (page, expected) => {
          expect(paginate(items, page, 10).page).toBe(expected);
        });
        \`\`\`

        ## Success criteria

        - [ ] Every behaviour under Requirements has at least one test.
        - [ ] Removing the clamp in \`paginate()\` makes at least one test fail.
        - [ ] Line coverage of \`src/lib/pagination.ts\` is at least 90%.

        ## Boundaries

        - Do not change \`src/lib/pagination.ts\`. If something looks like a bug, write the test for today's behaviour with \`it.fails\` and report it.
        - No new test dependencies.

        ## Tests

        - New file: \`src/lib/pagination.test.ts\`
        - Run: \`npx vitest run src/lib/pagination.test.ts --coverage\`
      `,
    ],
  },
  {
    title: "Safari: date picker overlaps the footer on small screens",
    lane: "untriaged",
    status: "backlog",
    labels: ["frontend", "bug"],
    createdBy: "member",
    createdDaysAgo: 26.4,
    description: [
      "Reported by support (ticket #4812). iOS Safari 17, iPhone SE.",
      "",
      "The popover from `<DateRangePicker>` renders under the sticky footer on the reports page.",
      "Screenshot in the ticket.",
    ],
    triage: { knowWhat: true, examples: true, approachObvious: false },
  },
  {
    title: "Design the offline sync architecture",
    lane: "leverage",
    status: "in_review",
    labels: ["frontend"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 25.3,
    updatedDaysAgo: 1.8,
    description: [
      "Field teams want to edit projects without connectivity and sync later.",
      "",
      "Open questions:",
      "- conflict resolution: last-write-wins per field, or CRDTs for rich text?",
      "- how much of the data set fits in IndexedDB on low-end devices",
      "- what the server API needs (change feed? version vectors?)",
    ],
    triage: triaged("architecture", "explore", "unclearRequirements", "multipleSubsystems"),
    spec: [
      md`
        ## Outcome

        A design we can build against: the conflict model, the client storage budget, and the server API for syncing changes made offline.

        ## Context

        Field teams lose edits when connectivity drops on site. This is a pairing task: Olivia drives, an agent helps prototype the options.

        ## Boundaries

        - Projects and tasks only; attachments stay online-only in the first version.
        - No production code beyond throwaway prototypes.
      `,
    ],
  },
  {
    title: "Replace moment.js with date-fns in the reports page",
    lane: "delegate",
    status: "in_review",
    labels: ["tech-debt", "perf"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 24.2,
    updatedDaysAgo: 0.9,
    description: [
      "moment adds ~70 kB gzipped to the reports chunk and is only used in `src/reports/`.",
      "",
      "- Swap every `moment()` call for the date-fns equivalent",
      "- Keep output strings byte-identical (snapshot tests in `reports.test.ts` must pass unchanged)",
      "- Remove `moment` from package.json",
    ],
    spec: [
      md`
        ## Outcome

        The reports page formats and computes dates with date-fns instead of moment, the reports chunk is about 70 kB gzipped smaller, and \`moment\` is no longer a dependency.

        ## Context

        moment is only used under \`src/reports/\` but ships in the reports chunk. date-fns is already a dependency (the billing pages use it), so nothing new is added.

        ## References

        - Calls to replace: \`src/reports/format.ts:8-64\`, \`src/reports/ReportFilters.tsx:21-37\`, \`src/reports/ranges.ts:12-40\`
        - Existing date-fns usage to follow: \`src/billing/format-period.ts:5-30\`

        ## Requirements

        - Replace every \`moment()\` call with its date-fns equivalent (\`format\`, \`startOfWeek\`, \`addDays\`, \`differenceInCalendarDays\`).
        - Mind the format tokens: moment's \`YYYY-MM-DD\` is date-fns's \`yyyy-MM-dd\`, and \`Do\` is \`do\`.
        - Remove \`moment\` from \`package.json\` and the lockfile.

        ## Examples

        | moment | date-fns |
        | --- | --- |
        | \`moment(d).format("MMM D, YYYY")\` | \`format(d, "MMM d, yyyy")\` |
        | \`moment(d).startOf("isoWeek")\` | \`startOfWeek(d, { weekStartsOn: 1 })\` |

        ## Success criteria

        - [ ] Every output string is byte-identical: the existing report snapshots pass without being updated.
        - [ ] \`moment\` appears nowhere in \`src/\` or \`package.json\`.
        - [ ] The reports chunk in the build output is at least 60 kB gzipped smaller.

        ## Boundaries

        - Only \`src/reports/\`; other pages keep their date code.
        - Do not update a snapshot to make it pass.

        ## Tests

        The existing snapshot suite of the reports page covers the formatting. Add one case for ISO weeks starting on Monday.
      `,
    ],
  },
  {
    title: "Explore options for cutting p95 search latency",
    lane: "leverage",
    status: "in_progress",
    labels: ["search", "perf"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 22.7,
    updatedDaysAgo: 2.3,
    description: [
      "p95 for the global search box is 1.8 s; the target is 400 ms.",
      "",
      "Ideas to evaluate: debouncing + request cancellation on the client, a prefix index,",
      "caching the top queries per workspace. Measure before picking one.",
    ],
    triage: triaged("explore", "multipleSubsystems", "successDefined"),
    spec: [
      md`
        ## Outcome

        A measured recommendation for getting the global search p95 from 1.8 s to 400 ms, naming the one or two changes worth doing first.

        ## Context

        Start from the client hook \`src/search/useGlobalSearch.ts:30-58\` (150 ms debounce, no request cancellation) and the server handler \`src/server/search/query.ts:12\`.

        ## Success criteria

        - [ ] Baseline p95 measured on staging with the replay script before any change.
        - [ ] Every option comes with a measured gain, not an estimate.
      `,
    ],
  },
  {
    title: "Add a loading skeleton to the project list",
    lane: "delegate",
    status: "ready",
    labels: ["frontend"],
    createdBy: "member",
    createdDaysAgo: 21.5,
    description: [
      "The project list shows a blank area for ~600 ms on first load.",
      "",
      "- Use the existing `<Skeleton>` from `src/ui/skeleton.tsx`",
      "- Six placeholder rows, same height as a real row to avoid layout shift",
    ],
    spec: [
      md`
        ## Outcome

        The project list shows six skeleton rows while projects load, instead of a blank area, with no layout shift when the real rows arrive.

        ## Context

        On first load the list is empty for about 600 ms. Users read that as "no projects", and some click "New project".

        ## References

        - List component: \`src/projects/ProjectList.tsx:31-48\` (the \`isLoading\` branch returns \`null\`)
        - Skeleton to reuse: \`src/ui/skeleton.tsx:1-25\`
        - Row height: \`src/projects/project-row.module.css:3\`

        ## Requirements

        - In the \`isLoading\` branch, render six \`<Skeleton>\` rows with the height and padding of a real row (56 px).
        - Mark the list \`aria-busy="true"\` while it loads.

        ## Examples

        Follow the pattern in \`src/members/MemberList.tsx:40-52\`, which already does this for the member list.

        ## Success criteria

        - [ ] Six placeholder rows are visible while projects load (throttle the network to check).
        - [ ] Cumulative Layout Shift on the projects page stays at 0 when the rows replace the skeleton.
      `,
    ],
  },
  {
    title: "Add a Content-Security-Policy header in report-only mode",
    lane: "untriaged",
    status: "ready",
    labels: ["security"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 20.8,
    updatedDaysAgo: 19.1,
    description: [
      "Flagged in the last pen-test report (finding M-3).",
      "",
      "Start with `Content-Security-Policy-Report-Only` and collect violations for two weeks",
      "before enforcing.",
    ],
  },
  {
    title: "Serialize cart updates in the checkout (fix for WEB-2)",
    lane: "delegate",
    status: "in_progress",
    labels: ["bug", "billing"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 19.6,
    updatedDaysAgo: 1.2,
    description: [
      "Root cause from WEB-2: `applyCoupon()` and `removeCoupon()` can resolve out of order.",
      "",
      "- Queue cart mutations in `src/checkout/cart.ts` so only one request is in flight",
      "- Drop responses whose `cartVersion` is older than the current one",
      "- Add a regression test that fires apply + remove back to back",
    ],
    spec: [
      md`
        ## Outcome

        Cart updates in the checkout no longer race each other.

        ## References

        - \`src/checkout/cart.ts:142\`

        ## Requirements

        - Queue cart mutations so only one request is in flight.
        - Ignore stale responses somehow.
        - Add a regression test.
      `,
      md`
        ## Outcome

        Cart mutations in the checkout run one at a time and a stale response can no longer overwrite a newer cart, so the cart total always matches its line items (the race diagnosed in WEB-2).

        ## Context

        \`applyCoupon()\` and \`removeCoupon()\` each send a request and write the response into the store when it arrives. When a coupon is applied and removed quickly the responses can resolve out of order, and the older cart wins. About 1 in 400 orders is affected.

        ## References

        - Optimistic update and response handling: \`src/checkout/cart.ts:128-171\`
        - \`applyCoupon()\` at \`src/checkout/cart.ts:142\`, \`removeCoupon()\` at \`src/checkout/cart.ts:158\`
        - Every cart response carries \`cartVersion\`: \`src/checkout/api.ts:22-30\`

        ## Requirements

        - Queue cart mutations in \`cart.ts\` so that only one request is in flight; later mutations wait for earlier ones.
        - Drop any response whose \`cartVersion\` is lower than the version already in the store.
        - Keep the optimistic update: the UI still changes immediately.

        ## Examples

        Apply coupon \`SPRING10\`, then remove it 50 ms later:

        - Before: the store ends on the "applied" response and shows the discounted total with no coupon line.
        - After: the remove request is sent once the apply response is in, and the store ends on the "removed" cart.

        ## Success criteria

        - [ ] Firing apply + remove back to back ends with the cart of the last mutation, every time (run the test 50 times).
        - [ ] A response with an older \`cartVersion\` never changes the store.
        - [ ] The existing checkout tests pass unchanged.

        ## Boundaries

        - No server changes; \`cartVersion\` already exists.
        - Do not touch the payment step or the flaky \`checkout.spec.ts\` (WEB-18).

        ## Tests

        - Regression test in \`src/checkout/cart.test.ts\`, with mocked responses that resolve out of order.
        - Run: \`npx vitest run src/checkout/cart.test.ts\`
      `,
    ],
  },
  {
    title: "Investigate why the Lighthouse accessibility score dropped to 78",
    lane: "leverage",
    status: "backlog",
    labels: ["frontend"],
    createdBy: "member",
    createdDaysAgo: 18.4,
    description: [
      "It was 96 at the start of the quarter. Nothing obvious in the changelog.",
      "",
      "Bisect the last few releases and list the failing audits before deciding on fixes.",
    ],
    triage: triaged("diagnosis"),
  },
  {
    title: "Diagnose invoices showing one extra day in the date range",
    lane: "leverage",
    status: "done",
    labels: ["billing", "bug"],
    owner: "owner",
    createdBy: "member",
    createdDaysAgo: 17.2,
    updatedDaysAgo: 12.6,
    description: [
      "Customers in UTC+ time zones see invoice periods like *Mar 1 – Apr 1* instead of *Mar 1 – Mar 31*.",
      "",
      "Finding: `formatPeriod()` in `src/billing/invoice-period.ts:58` treats the exclusive end",
      "date as inclusive after converting to local time. Fix is WEB-13.",
    ],
    triage: triaged("diagnosis", "examples", "successDefined"),
  },
  {
    title: "Fix off-by-one in invoice date range (diagnosed in WEB-12)",
    lane: "delegate",
    status: "in_review",
    labels: ["billing", "bug"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 12.5,
    updatedDaysAgo: 0.4,
    description: [
      "In `src/billing/invoice-period.ts:58`, subtract one day from the exclusive `periodEnd`",
      "**before** formatting, in the account's time zone.",
      "",
      "- Add test cases for UTC, UTC+10 and UTC-8",
      "- No change to stored data",
    ],
    spec: [
      md`
        Fix the invoice date range bug from WEB-12, see \`src/billing/invoice-period.ts\`.
      `,
      md`
        ## Outcome

        Invoice periods show the right last day in every time zone: a March invoice reads *Mar 1 – Mar 31*, not *Mar 1 – Apr 1*.

        ## References

        - \`src/billing/invoice-period.ts:58\`

        ## Requirements

        - Subtract one day from the exclusive \`periodEnd\` before formatting.
        - Add test cases for a few time zones.

        ## Success criteria

        - [ ] UTC+10 shows Mar 1 – Mar 31.
        - [ ] UTC and UTC-8 are unchanged.

        ## Tests

        Add cases to the invoice period tests.
      `,
      md`
        ## Outcome

        Invoice periods end on the right day in every time zone: for a monthly plan starting on 1 March, the invoice reads *Mar 1 – Mar 31* whether the account is in UTC, UTC+10 or UTC-8.

        ## Context

        Diagnosed in WEB-12. Periods are stored with an exclusive end (\`periodEnd\` is 1 April 00:00 UTC). \`formatPeriod()\` subtracts one millisecond in UTC and only then converts to the account's time zone, so east of UTC the end lands on 1 April.

        ## References

        - Cause: \`src/billing/invoice-period.ts:58\`
        - Time-zone helpers to use: \`src/lib/time/zoned.ts:12-30\` (\`toZoned\`, \`subDaysZoned\`)
        - Callers: \`src/billing/InvoiceHeader.tsx:19\`, \`src/billing/pdf/invoice-pdf.ts:74\`

        ## Requirements

        - In \`formatPeriod()\`, convert \`periodEnd\` to the account's time zone first, then subtract one day, then format.
        - Stored data is unchanged: \`periodEnd\` stays exclusive in the database and in the API.

        ## Examples

        | account time zone | stored period (UTC) | before | after |
        | --- | --- | --- | --- |
        | UTC+10 | 1 Mar – 1 Apr, end exclusive | Mar 1 – Apr 1 | Mar 1 – Mar 31 |
        | UTC | 1 Mar – 1 Apr, end exclusive | Mar 1 – Mar 31 | Mar 1 – Mar 31 |
        | UTC-8 | 1 Mar – 1 Apr, end exclusive | Mar 1 – Mar 31 | Mar 1 – Mar 31 |

        ## Success criteria

        - [ ] The UTC+10 test fails without the fix and passes with it.
        - [ ] The UTC and UTC-8 tests pass before and after the fix.
        - [ ] The invoice PDF shows the same period as the invoice page.

        ## Boundaries

        - No migration, and no change to how periods are stored or returned by the API.
        - Leave the tax rounding in \`invoice-pdf.ts\` alone; it is a separate issue.

        ## Tests

        - Cases in \`src/billing/invoice-period.test.ts\` for UTC, UTC+10 and UTC-8.
        - Run: \`npm test -- invoice-period\`
      `,
    ],
  },
  {
    title: "Dark mode: chart tooltips are unreadable",
    lane: "untriaged",
    status: "backlog",
    labels: ["frontend", "bug"],
    createdBy: "owner",
    createdDaysAgo: 11.9,
    description: [
      "Tooltip text is dark grey on a near-black background in the usage charts.",
      "",
      "Probably the chart library's default theme ignoring our CSS variables.",
    ],
  },
  {
    title: "Migrate the settings forms to the shared <Form> component",
    lane: "delegate",
    status: "backlog",
    labels: ["tech-debt", "dx"],
    createdBy: "member",
    createdDaysAgo: 10.7,
    description: [
      "Five settings pages still hand-roll validation and error display.",
      "",
      "- `src/settings/profile.tsx`, `team.tsx`, `billing.tsx`, `notifications.tsx`, `tokens.tsx`",
      "- Use `<Form>` + zod schemas like `src/projects/new-project.tsx` does",
    ],
    triage: triaged("knowWhat", "examples", "approachObvious"),
    overDelegated: "Five near-identical pages; each one is a mechanical copy of the new-project form, so splitting it into five tasks costs more than it saves.",
    spec: [
      md`
        Move the five settings pages in \`src/settings/\` to \`<Form>\`, same as \`src/projects/new-project.tsx\`.

        ## Requirements

        - profile, team, billing, notifications, tokens
        - use zod schemas
      `,
      md`
        ## Outcome

        All five settings pages validate input and show errors through the shared \`<Form>\` component with zod schemas, like the new-project form.

        ## References

        - \`src/settings/profile.tsx:20-88\`
        - \`src/settings/team.tsx:15-140\`
        - \`src/settings/billing.tsx:30-95\`
        - \`src/settings/notifications.tsx:12-60\`
        - \`src/settings/tokens.tsx:25-110\`
        - Mirror \`src/projects/new-project.tsx:18-64\`

        ## Requirements

        - Replace the hand-rolled \`useState\` validation on each page with a zod schema and \`<Form>\`.
        - Keep field names, labels and error wording.
        - Handle errors properly.

        ## Success criteria

        - Every page submits and shows field errors as before.
        - No page imports the old \`validateField()\` helper.
      `,
    ],
  },
  {
    title: "Prototype keyboard-first navigation for the board",
    lane: "leverage",
    status: "ready",
    labels: ["frontend", "dx"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 9.8,
    updatedDaysAgo: 6.5,
    description: [
      "Power users keep asking for j/k navigation and shortcuts to move cards.",
      "",
      "Try a couple of interaction models and check them against screen readers",
      "before we commit to a design.",
    ],
    triage: triaged("explore", "unclearRequirements"),
  },
  {
    title: "Lazy-load the Markdown editor bundle",
    lane: "delegate",
    status: "ready",
    labels: ["perf", "frontend"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 8.6,
    description: [
      "The editor accounts for 140 kB of the initial board chunk but only opens in the task dialog.",
      "",
      "- Load `src/editor/markdown-editor.tsx` with `next/dynamic`",
      "- Show the plain textarea until it has loaded",
    ],
    spec: [
      md`
        ## Outcome

        The Markdown editor loads only when a task dialog opens, so the initial board chunk is about 140 kB smaller; until it has loaded, the dialog shows a plain textarea with the same text.

        ## Context

        \`src/editor/markdown-editor.tsx\` and CodeMirror are imported statically by the task dialog, so every board visit downloads them although most visits never open a task.

        ## References

        - Static import to replace: \`src/board/TaskDialog.tsx:7\`
        - Editor component: \`src/editor/markdown-editor.tsx:1-120\`
        - Fallback textarea styles: \`src/editor/editor.module.css:40-52\`

        ## Requirements

        - Load the editor with \`next/dynamic\` and \`ssr: false\`.
        - While it loads, render a \`<textarea>\` with the same value, \`onChange\` and styles, so that nothing typed is lost.
        - Preload the chunk when the pointer enters a card (\`onPointerEnter\`), so that most dialogs open with the editor ready.

        ## Success criteria

        - [ ] The board's first-load JS in the \`next build\` output drops by at least 120 kB.
        - [ ] Text typed into the fallback textarea is still there after the editor mounts.
        - [ ] No hydration warnings in the console.

        ## Boundaries

        - Do not change the editor's behaviour or toolbar.
        - Do not lazy-load anything else in this task.

        ## Tests

        - Extend \`src/board/TaskDialog.test.tsx\` with a case that types before the editor has loaded.
        - Run: \`npx vitest run src/board/TaskDialog.test.tsx\`
      `,
    ],
  },
  {
    title: "Investigate the flaky e2e test checkout.spec.ts",
    lane: "leverage",
    status: "in_progress",
    labels: ["dx", "bug"],
    owner: "member",
    createdBy: "member",
    createdDaysAgo: 6.9,
    updatedDaysAgo: 0.7,
    description: [
      "Fails about one CI run in ten, always at the \"place order\" step, never locally.",
      "",
      "Might be related to WEB-10, or just a missing wait on the payment iframe.",
    ],
    triage: triaged("diagnosis"),
  },
  {
    title: "Broken avatar images on the team page",
    lane: "untriaged",
    status: "in_progress",
    labels: ["bug"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 5.3,
    updatedDaysAgo: 5.1,
    description: [
      "Since the CDN change, avatars uploaded before March return 403.",
      "",
      "Picked up straight away because it is customer-visible; triage later.",
    ],
  },
  {
    title: "Add aria-labels to icon-only buttons in the toolbar",
    lane: "delegate",
    status: "in_progress",
    labels: ["frontend"],
    owner: "owner",
    createdBy: "member",
    createdDaysAgo: 3.8,
    updatedDaysAgo: 0.2,
    description: [
      "Found while looking into WEB-11.",
      "",
      "- Every `<IconButton>` in `src/board/toolbar.tsx` gets an `aria-label`",
      "- Add an ESLint rule (`jsx-a11y/control-has-associated-label`) so it stays fixed",
    ],
    spec: [
      md`
        ## Outcome

        Every icon-only button in the board toolbar has an accessible name, and a lint rule stops new ones from shipping without one.

        ## Context

        Found while looking into the Lighthouse drop (WEB-11): screen readers announce the toolbar as seven unlabelled "button"s.

        ## References

        - Toolbar: \`src/board/toolbar.tsx:22-96\` (seven \`<IconButton>\`s)
        - \`IconButton\` props: \`src/ui/icon-button.tsx:8-19\`
        - ESLint config: \`eslint.config.mjs:30\`

        ## Requirements

        - Give each \`<IconButton>\` an \`aria-label\` equal to its tooltip text ("Filter", "Group by", "Board settings", …).
        - Enable \`jsx-a11y/control-has-associated-label\` as an error.

        ## Examples

        \`\`\`tsx
        <IconButton icon={FilterIcon} aria-label="Filter" tooltip="Filter" onClick={openFilters} />
        \`\`\`

        ## Success criteria

        - [ ] axe reports no \`button-name\` violations on the board page.
        - [ ] \`npm run lint\` fails when an \`<IconButton>\` without a label is added.

        ## Tests

        - Add an axe check for the toolbar to \`src/board/toolbar.test.tsx\`.
        - Run: \`npm test -- toolbar\`
      `,
    ],
  },
  {
    title: "Delete the unused legacy dashboard components",
    lane: "delegate",
    status: "backlog",
    labels: ["tech-debt"],
    createdBy: "owner",
    createdDaysAgo: 2.4,
    description: [
      "`src/dashboard/legacy/` is not imported anywhere since the new dashboard shipped.",
      "",
      "- Delete the folder and its stories",
      "- Run `npm run build` to confirm nothing referenced it",
    ],
    spec: [
      md`
        ## Outcome

        The legacy dashboard components are deleted since nothing uses them anymore.

        Delete \`src/dashboard/legacy/index.tsx\` and whatever else is left over from the old dashboard, the stories and so on.
      `,
    ],
  },
  {
    title: "Search results page feels slow on mobile",
    lane: "untriaged",
    status: "backlog",
    labels: ["search", "perf"],
    createdBy: "member",
    createdDaysAgo: 0.6,
    description: [
      "Feedback from the beta group: typing in search on a phone lags noticeably.",
      "",
      "May overlap with WEB-7.",
    ],
  },
  {
    // End-to-end tests expect this title in Delegate · Backlog with a spec below the threshold.
    title: "Add dark mode to the settings page",
    lane: "delegate",
    status: "backlog",
    labels: ["frontend"],
    createdBy: "member",
    createdDaysAgo: 0.3,
    description: ["Requested by three customers in the last feedback round."],
    spec: ["Please add dark mode to the app. Make it look good and handle properly.\n"],
  },
];

const API_TASKS: SeedTask[] = [
  {
    title: "Investigate memory growth in the webhook worker",
    lane: "leverage",
    status: "done",
    labels: ["infra", "perf"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 29.8,
    updatedDaysAgo: 25.1,
    description: [
      "RSS of the webhook worker grows ~200 MB/day until the container is OOM-killed.",
      "",
      "Finding: failed deliveries are kept in memory for retries with no upper bound.",
      "Fix split out as API-2.",
    ],
    triage: triaged("diagnosis", "successDefined"),
  },
  {
    title: "Cap the webhook retry buffer at 500 deliveries (fix for API-1)",
    lane: "delegate",
    status: "done",
    labels: ["infra"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 25.0,
    updatedDaysAgo: 22.3,
    description: [
      "- In `src/workers/webhooks/retry-queue.ts`, cap the in-memory buffer at 500",
      "- Overflow goes to the `webhook_retries` table instead of being dropped",
      "- Add a gauge metric `webhook_retry_buffer_size`",
    ],
    spec: [
      md`
        ## Outcome

        The webhook worker keeps at most 500 failed deliveries in memory; further failures go to the \`webhook_retries\` table and are retried from there, so memory stays flat however long an endpoint is down.

        ## Context

        Diagnosed in API-1: failed deliveries are kept in an unbounded in-memory array for retries. One customer's endpoint was down for two days, and the worker's RSS grew about 200 MB a day until it was OOM-killed.

        ## References

        - Retry buffer: \`src/workers/webhooks/retry-queue.ts:31-74\` (\`enqueue\` at line 38)
        - Table and store: \`src/db/schema/webhook-retries.sql:1-14\`, \`src/workers/webhooks/retry-store.ts:10-45\`
        - Metrics registry: \`src/metrics/registry.ts:20\`

        ## Requirements

        - Cap the in-memory buffer at 500 deliveries (\`MAX_BUFFERED_RETRIES\`).
        - On overflow, write the delivery to \`webhook_retries\` with its attempt count and next retry time; never drop one.
        - Whenever the buffer has room, the worker refills it from \`webhook_retries\`, oldest first.
        - Export a gauge \`webhook_retry_buffer_size\`.

        ## Examples

        Follow the pattern in \`src/workers/email/outbox.ts:50-88\`, which spills the email queue to Postgres the same way.

        ## Success criteria

        - [ ] With 10,000 failing deliveries the buffer holds 500 and the table 9,500.
        - [ ] Every delivery is retried exactly once per retry slot; none is lost or duplicated.
        - [ ] \`webhook_retry_buffer_size\` shows up on the metrics endpoint.

        ## Boundaries

        - Keep the retry schedule (1 min, 5 min, 30 min, 2 h, 12 h) as it is.
        - Do not change the webhook payload or its signature.

        ## Tests

        - \`src/workers/webhooks/retry-queue.test.ts\`: overflow, refill order, no duplicates.
        - Run: \`npm test -- webhooks\`
      `,
    ],
  },
  {
    title: "Rename `customerId` to `accountId` in the billing API per RFC-7",
    lane: "delegate",
    status: "in_review",
    labels: ["billing"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 23.6,
    updatedDaysAgo: 0.5,
    description: [
      "RFC-7 settled on `accountId` everywhere. Rename in the `/v2/billing/*` routes only.",
      "",
      "- Request and response fields, OpenAPI schema, SDK fixtures",
      "- Keep accepting `customerId` on input for one release, logging a deprecation warning",
      "- `/v1` stays unchanged",
    ],
    spec: [
      md`
        ## Outcome

        \`customerId\` is renamed to \`accountId\` in the v2 billing API, as agreed in RFC-7.

        ## Requirements

        - Rename the field in requests, responses, the OpenAPI schema, SDK fixtures etc.
        - Keep \`customerId\` working for a while.

        ## Success criteria

        - [ ] No \`customerId\` in \`/v2/billing\` responses.
        - [ ] Old clients keep working.

        ## Tests

        Update the billing API tests.
      `,
      md`
        ## Outcome

        The \`/v2/billing/*\` routes use \`accountId\` instead of \`customerId\` in every request and response field, as decided in RFC-7; clients that still send \`customerId\` keep working for one more release.

        ## Context

        RFC-7 settled on "account" as the billing entity everywhere. The web app and the SDKs already use \`accountId\` internally and map it at the edge. \`/v1\` is frozen and keeps \`customerId\`.

        ## References

        - Route handlers: \`src/routes/v2/billing/subscriptions.ts:40-118\`, \`src/routes/v2/billing/invoices.ts:22-70\`
        - Shared zod schemas: \`src/routes/v2/billing/schemas.ts:8-52\`
        - OpenAPI: \`openapi.yaml:1840-2010\`
        - Deprecation logging: \`src/lib/deprecation.ts:15\`

        ## Requirements

        - Rename the field in the zod schemas, the handlers and the OpenAPI schema.
        - On input, accept \`customerId\` as an alias when \`accountId\` is absent, and log it with \`logDeprecated("billing.customerId")\`.
        - If both are sent and differ, return 400 with code \`conflicting_fields\`.
        - Update the SDK fixtures as needed.

        ## Examples

        \`\`\`http
        POST /v2/billing/subscriptions
        { "customerId": "acc_123", "plan": "team" }

        201 Created
        { "id": "sub_9", "accountId": "acc_123", "plan": "team" }
        \`\`\`

        ## Success criteria

        - [ ] No \`/v2/billing\` response contains \`customerId\`.
        - [ ] A request with only \`customerId\` succeeds and logs one deprecation warning.
        - [ ] \`/v1/billing\` responses are byte-identical to before.

        ## Boundaries

        - Do not touch the \`/v1\` routes or the database column names.
        - Do not remove the alias; that is a follow-up after the next release.

        ## Tests

        - \`src/routes/v2/billing/billing.test.ts\`: renamed fields, the alias, conflicting fields.
        - Run: \`npm test -- routes/v2/billing\`
      `,
    ],
  },
  {
    title: "Rate limiter returns 500 instead of 429 under burst traffic",
    lane: "untriaged",
    status: "backlog",
    labels: ["bug"],
    createdBy: "member",
    createdDaysAgo: 22.1,
    description: [
      "Seen in the load-test report: above ~300 req/s per key some responses are 500s.",
      "",
      "Stack trace points at `src/middleware/rate-limit.ts:77` (Redis `MULTI` timeout).",
    ],
  },
  {
    title: "Design idempotency keys for the payments endpoints",
    lane: "leverage",
    status: "in_progress",
    labels: ["billing", "security"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 20.4,
    updatedDaysAgo: 1.5,
    description: [
      "Clients retry `POST /v2/payments` on timeouts and we have double charges as a result.",
      "",
      "- How long to keep keys, and what to return for a replayed key with a different body",
      "- Storage: Postgres table vs Redis",
      "- Look at how Stripe and Adyen behave",
    ],
    triage: triaged("architecture", "explore"),
    spec: [
      md`
        ## Outcome

        Decide how \`POST /v2/payments\` handles an \`Idempotency-Key\`: how long keys are kept, where, and what a replayed key with a different body returns.

        ## Context

        Clients retry on timeouts, and 14 customers were charged twice last month. Stripe keeps keys for 24 hours and rejects a different body with 422; Adyen behaves much the same.

        ## References

        - Handler: \`src/routes/v2/payments.ts:30-95\`
      `,
    ],
  },
  {
    title: "Add cursor pagination to GET /v2/projects",
    lane: "delegate",
    status: "ready",
    labels: ["perf"],
    createdBy: "owner",
    createdDaysAgo: 18.9,
    description: [
      "Large accounts get 5,000+ projects in one response.",
      "",
      "- `?cursor=` and `?limit=` (default 50, max 200), same shape as `/v2/tasks`",
      "- Reuse `encodeCursor()` from `src/lib/pagination.ts`",
    ],
    spec: [
      md`
        Add cursor pagination to GET /v2/projects, like /v2/tasks.

        - default 50, max 200
        - reuse encodeCursor() from \`src/lib/pagination.ts\`
      `,
      md`
        ## Outcome

        \`GET /v2/projects\` returns at most 50 projects per page with a \`nextCursor\`, the way \`GET /v2/tasks\` does.

        ## References

        - \`src/routes/v2/projects.ts:18\`
        - \`src/routes/v2/tasks.ts:35-90\`
        - \`src/lib/pagination.ts:60-104\`

        ## Requirements

        - \`?cursor=\` and \`?limit=\` (default 50, max 200).
        - Reuse \`encodeCursor()\` and \`decodeCursor()\`.

        ## Success criteria

        - [ ] Paging through all projects returns each project exactly once.
        - [ ] \`limit\` is capped at 200.

        ## Tests

        Add tests for the new parameters.
      `,
      md`
        ## Outcome

        \`GET /v2/projects\` returns projects one page at a time with cursor pagination, exactly like \`GET /v2/tasks\`: 50 per page by default, at most 200, with a \`nextCursor\` until the last page.

        ## Context

        Large accounts get 5,000+ projects in one response, which takes 4–6 s and times out on mobile. The project picker in the web app switches to paging once this ships.

        ## References

        - Place to change: \`src/routes/v2/projects.ts:18-42\`
        - Reference to mirror: \`src/routes/v2/tasks.ts:35-90\`
        - Cursor helpers: \`src/lib/pagination.ts:60-104\` (\`encodeCursor\`, \`decodeCursor\`)

        ## Requirements

        - Same \`cursor\` and \`limit\` query parameters as \`/v2/tasks\`, same validation, same response shape and error codes.
        - Order by \`created_at\`, then \`id\`, so that the cursor is stable when projects share a timestamp.
        - \`limit\` defaults to 50 and is capped at 200; zero or a negative limit is a 400.

        ## Examples

        \`\`\`http
        GET /v2/projects?limit=2

        200 OK
        { "items": [{ "id": "prj_1" }, { "id": "prj_2" }], "nextCursor": "eyJpZCI6InByal8yIn0" }
        \`\`\`

        The last page has \`"nextCursor": null\`. A cursor that does not decode returns 400 with code \`invalid_cursor\`.

        ## Success criteria

        - [ ] Paging through 1,000 projects with \`nextCursor\` returns each project exactly once, in order.
        - [ ] \`limit=500\` returns 200 items; \`limit=0\` and a tampered cursor return 400.
        - [ ] \`src/routes/v2/tasks.ts\` is unchanged.

        ## Boundaries

        - Do not extract shared code from the tasks route; duplication is fine for now.
        - \`/v1/projects\` keeps returning everything.

        ## Tests

        - \`src/routes/v2/projects.test.ts\`, modelled on \`src/routes/v2/tasks.test.ts\`
        - Run: \`npm test -- routes/v2/projects\`
      `,
    ],
  },
  {
    title: "Upgrade the pg driver and drop the pg-native dependency",
    lane: "delegate",
    status: "backlog",
    labels: ["infra", "tech-debt"],
    createdBy: "member",
    createdDaysAgo: 17.3,
    description: [
      "`pg-native` needs libpq in the image and blocks the move to distroless.",
      "",
      "- Bump `pg` to the latest 8.x",
      "- Remove `pg-native` and the `native: true` option in `src/db/pool.ts`",
    ],
    triage: triaged("knowWhat", "successDefined", "selfContained"),
    overDelegated: "The upgrade itself is routine. If the pure-JS driver turns out slower we revert; the agent only has to report the latency numbers.",
    spec: [
      md`
        ## Outcome

        The API runs on the pure-JavaScript \`pg\` driver (latest 8.x) without \`pg-native\`, so the image no longer needs libpq.

        ## Context

        \`pg-native\` is the last thing that needs libpq in the image, and it blocks the move to a distroless base image.

        ## References

        - Pool setup: \`src/db/pool.ts:14\` (\`native: true\`)
        - \`package.json\`

        ## Requirements

        - Bump \`pg\` to the latest 8.x and remove \`pg-native\`.
        - Drop the \`native: true\` option.
        - Check that nothing else breaks and fix it somehow.

        ## Success criteria

        - [ ] \`pg-native\` is gone from \`package.json\` and the lockfile.

        ## Tests

        Run the integration suite against the new driver and compare query latency.
      `,
    ],
  },
  {
    title: "Explore moving search indexing off the request path",
    lane: "leverage",
    status: "ready",
    labels: ["search", "perf"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 15.7,
    updatedDaysAgo: 9.4,
    description: [
      "Every task write re-indexes synchronously, adding ~120 ms to `PATCH /v2/tasks/:id`.",
      "",
      "Options: outbox table + worker, Postgres `LISTEN/NOTIFY`, or the queue we already run.",
      "What consistency do users actually expect from search?",
    ],
    triage: triaged("explore", "architecture", "unclearRequirements"),
  },
  {
    title: "Audit log is missing entries for API key rotation",
    lane: "untriaged",
    status: "backlog",
    labels: ["security"],
    createdBy: "owner",
    createdDaysAgo: 14.2,
    description: [
      "A customer's compliance team noticed rotations don't show up in `/v2/audit-log`.",
      "",
      "Creation and deletion are logged, rotation is not.",
    ],
  },
  {
    title: "Add the OpenAPI schema for the /v2/invoices endpoints",
    lane: "delegate",
    status: "in_progress",
    labels: ["dx", "billing"],
    owner: "member",
    createdBy: "member",
    createdDaysAgo: 12.8,
    updatedDaysAgo: 0.8,
    description: [
      "The invoices routes are the last ones missing from `openapi.yaml`.",
      "",
      "- `GET /v2/invoices`, `GET /v2/invoices/:id`, `GET /v2/invoices/:id/pdf`",
      "- Run `npm run openapi:check` in CI",
    ],
    spec: [
      md`
        ## Outcome

        \`openapi.yaml\` describes the three \`/v2/invoices\` endpoints completely, and CI fails when a route's schema drifts from its handler.

        ## Context

        The invoices routes are the last ones missing from the schema, so the generated SDKs have no invoice methods and customers call these routes by hand.

        ## References

        - Handlers: \`src/routes/v2/invoices.ts:12-140\`
        - Response serializer: \`src/routes/v2/serializers/invoice.ts:5-48\`
        - Where the schema goes: \`openapi.yaml:2011\`
        - CI workflow: \`.github/workflows/ci.yml:58\`

        ## Requirements

        - \`GET /v2/invoices\` (list, with \`status\` and \`cursor\` parameters), \`GET /v2/invoices/:id\`, and \`GET /v2/invoices/:id/pdf\` (\`application/pdf\`).
        - Response schemas match the serializer field for field, including nullable fields.
        - Add an \`openapi:check\` step to CI after the unit tests.

        ## Success criteria

        - [ ] \`npm run openapi:check\` passes locally and in CI.
        - [ ] Removing a field from the serializer makes \`openapi:check\` fail.
        - [ ] The generated TypeScript SDK has \`invoices.list\`, \`invoices.get\` and \`invoices.pdf\`.

        ## Boundaries

        - Do not change the handlers or the serializer; document them as they are.

        ## Tests

        The schema check is the test; it runs in CI.
      `,
    ],
  },
  {
    title: "Return a Retry-After header on 429 responses",
    lane: "delegate",
    status: "done",
    labels: ["dx"],
    owner: "owner",
    createdBy: "member",
    createdDaysAgo: 11.5,
    updatedDaysAgo: 8.2,
    description: [
      "SDKs currently back off blindly.",
      "",
      "- Set `Retry-After` (seconds) from the limiter's reset time in `src/middleware/rate-limit.ts`",
      "- Document it in the rate-limit section of the API docs",
    ],
    spec: [
      md`
        ## Outcome

        Every 429 response carries a \`Retry-After\` header with the whole number of seconds until the caller's rate-limit window resets, so that SDKs can back off precisely.

        ## Context

        The SDKs back off blindly today (exponentially from 1 s), so they either retry too early and get another 429 or wait far longer than needed.

        ## References

        - Limiter middleware: \`src/middleware/rate-limit.ts:60-92\` (the 429 is built at line 84)
        - Reset time: \`src/middleware/rate-limit.ts:41\` (\`window.resetAt\`, epoch milliseconds)
        - API docs, rate-limit section: \`docs/api/rate-limits.md:1-40\`

        ## Requirements

        - \`Retry-After\` is \`ceil((resetAt - now) / 1000)\`, and at least 1.
        - Also set \`X-RateLimit-Reset\` (epoch seconds) for clients that prefer it.
        - Document both headers in the rate-limit section of the docs.

        ## Examples

        \`\`\`http
        HTTP/1.1 429 Too Many Requests
        Retry-After: 17
        X-RateLimit-Reset: 1718031600
        \`\`\`

        ## Success criteria

        - [ ] A 429 issued 2.3 s before the window resets has \`Retry-After: 3\`.
        - [ ] Responses other than 429 have no \`Retry-After\`.

        ## Tests

        - \`src/middleware/rate-limit.test.ts\`, with a fake clock.
        - Run: \`npm test -- rate-limit\`
      `,
    ],
  },
  {
    title: "Diagnose intermittent 502s from the load balancer",
    lane: "leverage",
    status: "backlog",
    labels: ["infra", "bug"],
    createdBy: "member",
    createdDaysAgo: 9.9,
    description: [
      "A handful of 502s per hour, clustered around deploys but not only then.",
      "",
      "Candidates: keep-alive timeout mismatch between the LB and Node, or slow pod shutdown.",
    ],
    triage: triaged("diagnosis", "multipleSubsystems"),
  },
  {
    title: "Add an index on events (account_id, created_at)",
    lane: "delegate",
    status: "ready",
    labels: ["perf"],
    owner: "member",
    createdBy: "owner",
    createdDaysAgo: 8.1,
    description: [
      "`GET /v2/events` does a sequential scan for large accounts (see the slow-query log).",
      "",
      "- New migration: `CREATE INDEX CONCURRENTLY ... ON events (account_id, created_at DESC)`",
      "- Verify the plan with `EXPLAIN ANALYZE` on the staging snapshot",
    ],
    spec: [
      md`
        ## Outcome

        \`GET /v2/events\` for large accounts uses an index on \`events (account_id, created_at DESC)\` instead of a sequential scan, bringing its p95 from about 2.4 s to under 100 ms.

        ## Context

        The slow-query log shows \`GET /v2/events\` scanning the whole \`events\` table (38 M rows) for accounts with many events. The query filters on \`account_id\` and orders by \`created_at DESC\` with a limit.

        ## References

        - Query: \`src/routes/v2/events.ts:27-41\`
        - Latest index migration, for naming and the no-transaction marker: \`migrations/20240611_task_labels_idx.sql:1-6\`

        ## Requirements

        - One new migration, \`migrations/20240703_events_account_created_idx.sql\`, that creates the index concurrently.
        - The migration runs outside a transaction, same as the labels index migration.
        - No application code changes.

        ## Examples

        \`\`\`sql
        -- no-transaction
        CREATE INDEX CONCURRENTLY IF NOT EXISTS events_account_id_created_at_idx
          ON events (account_id, created_at DESC);
        \`\`\`

        ## Success criteria

        - [ ] \`EXPLAIN ANALYZE\` of the events query on the staging snapshot shows an index scan on the new index.
        - [ ] The migration completes on staging without blocking writes to \`events\`.
        - [ ] Running the migration twice is a no-op.

        ## Boundaries

        - Do not change the query or add other indexes.
        - Do not run it on production; the release process does that.

        ## Tests

        - \`src/db/migrations.test.ts\` applies every migration to an empty database; it must pass.
        - Run: \`npm test -- migrations\`
      `,
    ],
  },
  {
    title: "Support rotating the webhook signing secret",
    lane: "untriaged",
    status: "ready",
    labels: ["security"],
    createdBy: "owner",
    createdDaysAgo: 6.6,
    updatedDaysAgo: 5.0,
    description: [
      "Enterprise customers need to rotate without downtime: sign with both the old and",
      "new secret during a grace period.",
    ],
  },
  {
    title: "Explore options for tenant-level data export",
    lane: "leverage",
    status: "in_progress",
    labels: ["infra"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 5.2,
    updatedDaysAgo: 0.3,
    description: [
      "Needed for GDPR requests and for customers leaving the platform.",
      "",
      "- Sync endpoint vs async job that emails a download link",
      "- Format: JSON lines per table? A zip of CSVs?",
    ],
    triage: triaged("explore", "unclearRequirements", "multipleSubsystems"),
  },
  {
    title: "Remove the deprecated /v0/auth endpoints",
    lane: "delegate",
    status: "in_review",
    labels: ["security", "tech-debt"],
    owner: "owner",
    createdBy: "owner",
    createdDaysAgo: 3.9,
    updatedDaysAgo: 0.6,
    description: [
      "Sunset date was last month and traffic is zero for 30 days.",
      "",
      "- Delete `src/routes/v0/auth.ts` and its tests",
      "- Return 410 Gone from the old paths for one more release",
    ],
    spec: [
      md`
        ## Outcome

        The deprecated \`/v0/auth\` endpoints are gone: their code and tests are deleted, and the old paths answer \`410 Gone\` for one more release.

        ## Context

        The sunset date passed last month and the access logs show no requests to \`/v0/auth/*\` for 30 days. The endpoints still use the old session format and are the last users of \`legacySession()\`.

        ## References

        - Routes to delete: \`src/routes/v0/auth.ts:1-212\`
        - Router registration: \`src/routes/index.ts:44\`
        - Tests to delete: \`src/routes/v0/auth.test.ts\`
        - Legacy helper, used only by these routes: \`src/auth/legacy-session.ts:10-58\`

        ## Requirements

        - Delete \`src/routes/v0/auth.ts\`, its tests and \`src/auth/legacy-session.ts\`.
        - Register a small handler for \`/v0/auth/*\` that returns 410 with the body \`{ "error": "gone", "docs": "https://docs.example.com/migrate-v1-auth" }\`.
        - Remove \`/v0/auth\` from \`openapi.yaml\`.

        ## Success criteria

        - [ ] Every \`/v0/auth/*\` path returns 410 with that JSON body.
        - [ ] \`legacySession\` is not referenced anywhere.
        - [ ] \`/v1/auth\` behaves exactly as before.

        ## Boundaries

        - Keep the 410 handler; removing it is a separate task after the next release.
        - Do not touch \`/v1/auth\` or the session format.

        ## Tests

        - New \`src/routes/v0/gone.test.ts\` for the 410 responses.
        - Run: \`npm test -- routes\`
      `,
    ],
  },
  {
    title: "Customer request: bulk task import via CSV",
    lane: "untriaged",
    status: "backlog",
    createdBy: "member",
    createdDaysAgo: 2.7,
    description: [
      "Two prospects asked for it this week while migrating from spreadsheets.",
      "",
      "Not sure yet whether this belongs in the API or only in the web app.",
    ],
  },
  {
    title: "Add unit tests for src/billing/proration.ts",
    lane: "delegate",
    status: "backlog",
    labels: ["billing", "dx"],
    createdBy: "owner",
    createdDaysAgo: 1.1,
    description: [
      "Proration is untested and about to change with the new plans.",
      "",
      "- Upgrade and downgrade mid-cycle, on the first and last day of a period",
      "- Leap years and 28/30/31-day months",
    ],
    spec: [
      md`
        ## Outcome

        \`src/billing/proration.ts\` has unit tests for upgrades and downgrades mid-cycle before the new plans change it.

        ## Requirements

        - Upgrade and downgrade mid-cycle, on the first and last day of a period
        - Leap years and 28/30/31-day months

        ## Success criteria

        - [ ] All cases above are tested.
        - [ ] No production code changes.

        ## Tests

        - \`src/billing/proration.test.ts\`
      `,
      md`
        ## Outcome

        \`prorate()\` in \`src/billing/proration.ts\` has unit tests for every mid-cycle plan change we support, so that the new plans can change it safely. No production code changes.

        ## Context

        Proration has no tests and is about to change for the new plans. Two support tickets last quarter were wrong credits for a change on the last day of a period.

        ## References

        - Module under test: \`src/billing/proration.ts:1-118\` (\`prorate\` at line 22, \`daysInPeriod\` at line 87)
        - Test style to follow: \`src/billing/invoice-range.test.ts:1-60\`
        - Plan fixtures: \`src/billing/__fixtures__/plans.ts:1-40\`

        ## Requirements

        - Upgrade and downgrade mid-cycle: a credit for the unused part of the old plan, a charge for the rest of the period on the new one.
        - A change on the first day of a period (full credit) and on the last day (one day charged).
        - Monthly periods in 28-, 29-, 30- and 31-day months, including 29 February in a leap year.
        - Amounts are integers in cents, rounded half-up once, on the final amount.

        ## Examples

        \`\`\`ts
        // Team (3000) → Business (9000) on 16 April, 30-day period: 15 days unused, 15 days left.
        expect(prorate({ from: plans.team, to: plans.business, periodStart: "2024-04-01", changeOn: "2024-04-16" }))
          .toEqual({ credit: 1500, charge: 4500 });
        \`\`\`

        ## Success criteria

        - [ ] Every case under Requirements has at least one table-driven test.
        - [ ] Making \`daysInPeriod\` return 30 for every month makes at least one test fail.
        - [ ] Line coverage of \`src/billing/proration.ts\` is at least 95%.

        ## Boundaries

        - Do not change \`proration.ts\`. If a case looks wrong, write the test for today's behaviour with \`it.fails\` and report it in the pull request.
        - No new test dependencies.

        ## Tests

        - New file: \`src/billing/proration.test.ts\`
        - Run: \`npx vitest run src/billing/proration.test.ts --coverage\`
      `,
    ],
  },
];

const PLATFORM_TASKS: SeedTask[] = [
  {
    title: "Bump Node to 22 in the base images",
    lane: "delegate",
    status: "done",
    labels: ["infra"],
    owner: "outsider",
    createdBy: "outsider",
    createdDaysAgo: 21.3,
    updatedDaysAgo: 18.0,
    description: [
      "Node 20 leaves active LTS soon.",
      "",
      "- Update `docker/base/Dockerfile` and `.nvmrc`",
      "- Rebuild and push `platform/base:node22`",
    ],
  },
  {
    title: "Migrate CI runners to ARM",
    lane: "delegate",
    status: "in_progress",
    labels: ["infra"],
    owner: "outsider",
    createdBy: "outsider",
    createdDaysAgo: 14.6,
    updatedDaysAgo: 1.4,
    description: [
      "ARM runners are ~35% cheaper for the same build times.",
      "",
      "- Switch `runs-on` in `.github/workflows/*.yml` to the `arm64` pool",
      "- Keep one x86 job for the native-module build",
    ],
  },
  {
    title: "Rotate the staging database credentials",
    lane: "delegate",
    status: "ready",
    labels: ["security"],
    createdBy: "outsider",
    createdDaysAgo: 9.2,
    description: [
      "The staging password was shared in a chat thread during an incident.",
      "",
      "- Create a new role, update the secret in the staging vault, restart the services",
      "- Drop the old role once nothing connects with it",
    ],
  },
  {
    title: "Investigate flaky deploys on the canary cluster",
    lane: "leverage",
    status: "in_progress",
    labels: ["infra", "bug"],
    owner: "outsider",
    createdBy: "outsider",
    createdDaysAgo: 4.5,
    updatedDaysAgo: 0.9,
    description: [
      "Roughly one canary deploy in five stalls at \"waiting for rollout\".",
      "",
      "No pattern yet in node, image or time of day.",
    ],
    triage: triaged("diagnosis"),
  },
  {
    title: "Evaluate a managed secrets vault",
    lane: "untriaged",
    status: "backlog",
    labels: ["security"],
    createdBy: "outsider",
    createdDaysAgo: 1.7,
    description: [
      "Secrets live in encrypted files in the repo today; rotation is manual (see PLT-3).",
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Agents (Acme) and their work: assignments, attempts with diffs from prisma/demo-diffs/ (real
// changes from this repository's history, see scripts/make-demo-diffs.ts), and reviews.
// ---------------------------------------------------------------------------------------------

type SeedAgentKey = "devin" | "copilot" | "claudeCode";

const SEED_AGENTS: Record<SeedAgentKey, { name: string; kind: AgentKind }> = {
  devin: { name: "Devin", kind: "devin" },
  copilot: { name: "Copilot", kind: "copilot" },
  claudeCode: { name: "Claude Code", kind: "claude_code" },
};

interface SeedReview {
  verdict: "request_changes" | "accept";
  /** Markdown, one entry per line. The reviewer is the task's owner. */
  feedback: string[];
  /** Hours between the submission and this review. */
  afterHours: number;
}

interface SeedAttempt {
  /** A file in prisma/demo-diffs/, read at seed time. */
  diff: string;
  /** One entry per line. */
  summary: string[];
  checks: ChecksStatus;
  /** An excerpt of the CI log, one entry per line (for failed checks). */
  checksLog?: string[];
  /** Wall-clock time the agent worked on this attempt. */
  minutes: number;
  costCents: number;
  /** Every attempt but the last carries a "request changes"; the last one of a Done task an "accept". */
  review?: SeedReview;
}

interface SeedAgentWork {
  /** An Acme delegate task with a spec above the readiness threshold, e.g. "WEB-13". */
  task: string;
  agent: SeedAgentKey;
  /** How the attempts arrive (all attempts of a task come the same way). */
  source?: SubmissionSource;
  branch?: string;
  /** Pull request number in acme/web or acme/api; every attempt updates the same pull request. */
  pr?: number;
  /** Oldest first. Ready and In progress tasks have none; In review and Done tasks at least one. */
  attempts?: SeedAttempt[];
}

const AGENT_WORK: SeedAgentWork[] = [
  // Devin: through the REST API.
  { task: "WEB-10", agent: "devin" },
  {
    task: "WEB-13",
    agent: "devin",
    source: "api",
    branch: "devin/web-13-period-end-boundary",
    pr: 418,
    attempts: [
      {
        diff: "slugify-boundary.diff",
        summary: [
          "Fixed the off-by-one at the end of the range. The trailing-dash trim ran before the cut to 40 characters, so a value whose cut landed right after a separator kept one character too many: a dangling `-` that the schema then refused although nobody typed it.",
          "",
          "In `slugify()` (`lib/workspace/schema.ts`) the cut now comes first and the trim second. While there, the accents that NFKD normalisation splits off are dropped instead of becoming dashes (`Crème` → `creme`).",
          "",
          "No stored data changes. Type check, lint and the existing tests pass.",
        ],
        checks: "passed",
        minutes: 41,
        costCents: 450,
        review: {
          verdict: "request_changes",
          afterHours: 3.5,
          feedback: [
            "The order of operations is right now, but the spec asks for tests of exactly this boundary and the attempt has none, so nothing stops the bug from coming back.",
            "",
            "- Add a case whose cut lands on a separator (39 letters, a space, more text) and check that the result passes `createWorkspaceSchema`.",
            "- Add the accent case from your summary (`Crème brûlée` → `creme-brulee`).",
            "- Keep the cases table-driven, like the rest of our unit tests.",
          ],
        },
      },
      {
        diff: "slugify-boundary-with-tests.diff",
        summary: [
          "Addressed the review: new `lib/workspace/schema.test.ts` with table-driven `slugify()` cases (spaces, punctuation, leading and trailing dashes, accents, a 60-character name) and two regression tests: accents are dropped rather than turned into dashes, and a 41-character name whose cut lands on a separator yields a slug the schema accepts. The fix in `schema.ts` is unchanged from attempt 1.",
          "",
          "The boundary test fails with the old order (trim, then cut) and passes with the fix. `npx vitest run lib/workspace/schema.test.ts`: 9 passed.",
        ],
        checks: "passed",
        minutes: 18,
        costCents: 225,
      },
    ],
  },
  {
    task: "WEB-3",
    agent: "devin",
    source: "api",
    branch: "devin/web-3-position-helper-tests",
    pr: 377,
    attempts: [
      {
        diff: "ordering-tests.diff",
        summary: [
          "Added table-driven Vitest cases for the position helpers in `lib/board/ordering.test.ts`; no production code changes.",
          "",
          "- `keyBetween`: keys strictly between their neighbours, equal neighbours refused, 200 successive inserts at the head, at the tail and right after the same card.",
          "- `keysBetween`: counts from 0 to 30, with and without bounds, always sorted and unique.",
          "- `compareKeys`: byte order, uppercase before lowercase, digits first.",
          "",
          "One case documents why the column is `COLLATE \"C\"`: `localeCompare` sorts `Zz` after `a0` and `aa` before `aZ`, byte order does not. 12 tests, all passing.",
        ],
        checks: "passed",
        minutes: 26,
        costCents: 270,
        review: {
          verdict: "accept",
          afterHours: 5,
          feedback: ["Exactly the table-driven style we asked for, and the `COLLATE \"C\"` case documents a trap we have fallen into before. Merging."],
        },
      },
    ],
  },

  // Copilot: pull requests on GitHub.
  { task: "WEB-17", agent: "copilot" },
  {
    task: "WEB-6",
    agent: "copilot",
    source: "github",
    branch: "copilot/web-6-library-wrappers",
    pr: 412,
    attempts: [
      {
        diff: "library-wrappers.diff",
        summary: [
          "PR #412: WEB-6: put third-party helpers behind one-line wrappers",
          "",
          "First step of the library swap: call sites import our own helpers instead of the library, so the library behind them can change in one place while every output stays byte-identical.",
          "",
          "- `components/ui/cn.ts`: joins class names through tailwind-merge (later classes win).",
          "- `lib/board/ordering.ts`: fractional-index keys through fractional-indexing, plus a byte-order `compareKeys` that matches `COLLATE \"C\"`.",
          "",
          "No call sites change yet; the existing tests pass unchanged.",
        ],
        checks: "passed",
        minutes: 14,
        costCents: 38,
      },
    ],
  },
  {
    task: "API-3",
    agent: "copilot",
    source: "github",
    branch: "copilot/api-3-response-shapes",
    pr: 231,
    attempts: [
      {
        diff: "card-payload.diff",
        summary: [
          "PR #231: API-3: split the list and the detail response shapes",
          "",
          "As RFC-7 asks, list responses carry only the fields clients render and the detail response carries the rest: `TaskCardData` no longer has `description`, a new `TaskDetail` adds it back, and `getTask()` returns the detail shape (`taskDetailSelect`, `toTaskDetail`).",
        ],
        checks: "failed",
        checksLog: [
          "Run npm run typecheck",
          "",
          "> baton@0.1.0 typecheck",
          "> tsc --noEmit",
          "",
          "lib/board/components/board-filters.tsx(19,40): error TS2339: Property 'description' does not exist on type 'TaskCardData'.",
          "lib/task/components/task-dialog.tsx(39,21): error TS2339: Property 'description' does not exist on type 'TaskCardData'.",
          "Error: Process completed with exit code 2.",
        ],
        minutes: 11,
        costCents: 31,
        review: {
          verdict: "request_changes",
          afterHours: 2.25,
          feedback: [
            "CI is red: `board-filters.tsx` and `task-dialog.tsx` still read `description` from the card type. Before this can go in:",
            "",
            "- Update every reader of the field that moved; `npm run typecheck` lists them.",
            "- The board filter matched text in descriptions. Cards no longer carry one, so match key, title and labels, and say so in the PR description.",
            "- The task dialog must load the detail (with the description) when it opens instead of relying on the card.",
            "- The conflict response of a stale save should carry the detail shape too, or the dialog loses the description on a conflict.",
          ],
        },
      },
      {
        diff: "card-payload-with-callers.diff",
        summary: [
          "PR #231: API-3: split the list and the detail response shapes",
          "",
          "Updated after review: every reader of the moved field uses the right shape now.",
          "",
          "- The board filter matches key, title and labels (cards no longer carry a description).",
          "- The task dialog fetches the `TaskDetail` when it opens and shows a skeleton meanwhile.",
          "- A stale save's conflict response carries the detail shape (`staleVersion` uses `toTaskDetail`).",
          "",
          "`npm run typecheck` and the unit tests pass.",
        ],
        checks: "passed",
        minutes: 23,
        costCents: 64,
      },
    ],
  },

  // Claude Code: through MCP, and pull requests on GitHub.
  { task: "API-10", agent: "claudeCode" },
  {
    task: "API-16",
    agent: "claudeCode",
    source: "mcp",
    branch: "claude/api-16-auth-paths",
    pr: 236,
    attempts: [
      {
        diff: "signin-proxy.diff",
        summary: [
          "Signed-out requests to the old auth paths are now answered up front instead of reaching the pages: a small `proxy.ts` sends a visitor without a session cookie to `/signin` with a real redirect and a `callbackUrl`. It matches app pages only; the API keeps answering 401 in JSON.",
          "",
          "The authorization table in `e2e/api/authorization.spec.ts` now spells out the expected status per role for the auth routes (302 for the next-auth POST without a CSRF token, 400 for a malformed sign-up).",
          "",
          "Checks were not run: the Playwright suite needs a browser that this sandbox does not have. Please run `npm run test:e2e -- authorization access` before merging.",
        ],
        checks: "none",
        minutes: 9,
        costCents: 142,
      },
    ],
  },
  {
    task: "API-11",
    agent: "claudeCode",
    source: "github",
    branch: "claude/api-11-retry-after",
    pr: 219,
    attempts: [
      {
        diff: "rate-limit-retry-after.diff",
        summary: [
          "PR #219: API-11: Retry-After on 429 responses",
          "",
          "A 429 from the per-token rate limiter carries `Retry-After` with the whole seconds until the window frees up, `ceil(msBeforeNext / 1000)` and at least 1 (`lib/http/rate-limit.ts`).",
          "",
          "Errors can now carry response headers: `AppError.headers`, passed on by `toErrorBody()` and `errorResponse()`, so other errors can do the same later. The limiter is wired into the agent routes in `lib/http/route.ts`. Responses other than 429 get no `Retry-After`.",
        ],
        checks: "passed",
        minutes: 16,
        costCents: 188,
        review: {
          verdict: "accept",
          afterHours: 4,
          feedback: ["Matches the spec, and headers on `AppError` are the right place for it. `X-RateLimit-Reset` can follow in a separate task. Merging."],
        },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Seeding.
// ---------------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type UserIds = Record<DemoUserKey, string>;

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Spec authors alternate between the two Acme editors. */
const CO_AUTHOR: Partial<Record<DemoUserKey, DemoUserKey>> = { owner: "member", member: "owner" };

/** The task's triage, checked against its lane so that the demo data tells a consistent story. */
function triageOf(task: SeedTask): TriageAnswers | null {
  const triage = task.triage ?? (task.lane === "delegate" ? DELEGATE_TRIAGE : null);
  const recommendation = recommendLane(triage);
  const consistent =
    task.lane === "leverage"
      ? recommendation === "leverage"
      : task.lane === "delegate"
        ? (recommendation === "delegate") === !task.overDelegated
        : !task.overDelegated;
  if (!consistent) throw new Error(`Triage of "${task.title}" recommends ${recommendation}, which does not fit its lane.`);
  return triage;
}

/**
 * When each of `count` spec revisions was saved: spread over the first 60% of the time between
 * the task's creation and its last change (at least two hours), never later than a minute ago.
 */
function revisionTimes(createdAt: number, updatedAt: number, count: number, now: number): number[] {
  const end = Math.min(Math.max(updatedAt, createdAt + 2 * HOUR_MS), now - MINUTE_MS);
  return Array.from({ length: count }, (_, i) => Math.round(createdAt + ((end - createdAt) * 0.6 * (i + 1)) / (count + 1)));
}

/**
 * Inserts a board's tasks with positions per (lane, status) cell, their triage and spec revisions,
 * and their events: "created" for each, "over_delegated" where the triage was overruled, and
 * "spec_saved" per revision.
 */
async function seedBoardTasks(
  tx: Tx,
  board: { id: string; workspaceId: string },
  tasks: readonly SeedTask[],
  users: UserIds,
  now: number,
): Promise<void> {
  // Positions: keysBetween per cell, handed out in the order the tasks are listed.
  const cellCounts = new Map<string, number>();
  for (const task of tasks) {
    const cell = `${task.lane}:${task.status}`;
    cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
  }
  const cellKeys = new Map<string, string[]>();
  for (const [cell, count] of cellCounts) cellKeys.set(cell, keysBetween(null, null, count));

  const { workspaceId } = board;
  const revisions: Prisma.SpecRevisionCreateManyInput[] = [];
  const events: Prisma.TaskEventCreateManyInput[] = [];

  const rows = tasks.map((task, index): Prisma.TaskCreateManyInput => {
    const position = cellKeys.get(`${task.lane}:${task.status}`)?.shift();
    if (position === undefined) throw new Error(`No position left for "${task.title}"`);
    const id = randomUUID();
    const createdAt = now - task.createdDaysAgo * DAY_MS;
    const lastChange = now - Math.min(task.updatedDaysAgo ?? task.createdDaysAgo, task.createdDaysAgo) * DAY_MS;
    const createdById = users[task.createdBy];
    const triage = triageOf(task);

    events.push({
      workspaceId,
      taskId: id,
      actorId: createdById,
      type: "created",
      after: { title: task.title, lane: task.lane, status: task.status },
      createdAt: new Date(createdAt),
    });
    if (task.overDelegated) {
      events.push({
        workspaceId,
        taskId: id,
        actorId: createdById,
        type: "over_delegated",
        after: { reason: task.overDelegated, recommendation: recommendLane(triage) },
        createdAt: new Date(createdAt + 5 * MINUTE_MS),
      });
    }

    const drafts = task.spec ?? [];
    const times = revisionTimes(createdAt, lastChange, drafts.length, now);
    let spec = "";
    let specScore: number | null = null;
    for (const [i, markdown] of drafts.entries()) {
      const number = i + 1;
      const score = lintSpec(markdown).score;
      const authorId = users[i % 2 === 0 ? task.createdBy : (CO_AUTHOR[task.createdBy] ?? task.createdBy)];
      const savedAt = new Date(times[i] ?? createdAt);
      revisions.push({ workspaceId, taskId: id, number, markdown, score, authorId, createdAt: savedAt });
      events.push({ workspaceId, taskId: id, actorId: authorId, type: "spec_saved", after: { revision: number, score }, createdAt: savedAt });
      spec = markdown;
      specScore = score;
    }

    return {
      id,
      workspaceId,
      boardId: board.id,
      number: index + 1,
      title: task.title,
      description: task.description.join("\n"),
      lane: task.lane,
      status: task.status,
      position,
      ownerId: task.owner ? users[task.owner] : null,
      createdById,
      labels: task.labels ?? [],
      // Omitted (not null) when untriaged: the column stays SQL NULL.
      triage: triage ?? undefined,
      spec,
      specRevision: drafts.length,
      specScore,
      version: 1,
      createdAt: new Date(createdAt),
      // A spec save changes the task too.
      updatedAt: new Date(Math.max(lastChange, ...times)),
    };
  });

  await tx.task.createMany({ data: rows });
  await tx.specRevision.createMany({ data: revisions });
  await tx.taskEvent.createMany({ data: events });
  await tx.board.update({ where: { id: board.id }, data: { nextNumber: tasks.length + 1 } });
}

const DEMO_DIFF_DIR = path.join(import.meta.dirname, "demo-diffs");

/** A diff from prisma/demo-diffs/, checked to be a unified diff the submission API would accept. */
function readDemoDiff(file: string): string {
  const diff = readFileSync(path.join(DEMO_DIFF_DIR, file), "utf8");
  if (!diff.startsWith("diff --git ")) throw new Error(`prisma/demo-diffs/${file} is not a unified diff (it must start with "diff --git").`);
  if (Buffer.byteLength(diff) > DIFF_LIMIT_BYTES) throw new Error(`prisma/demo-diffs/${file} is larger than the ${DIFF_LIMIT_BYTES}-byte diff limit.`);
  return diff;
}

/** Checks an assignment's attempts against its task's status, so that the demo tells a consistent story. */
function checkAttempts(work: SeedAgentWork, status: TaskStatus): SeedAttempt[] {
  const attempts = work.attempts ?? [];
  const fail = (why: string): never => {
    throw new Error(`Agent work on ${work.task} (${status}): ${why}`);
  };
  if (status === "backlog") fail("a Backlog task is not assigned to an agent.");
  if ((status === "ready" || status === "in_progress") && attempts.length > 0) fail("only In review and Done tasks have attempts.");
  if (status === "in_review" || status === "done") {
    if (attempts.length === 0) fail("needs at least one attempt.");
    if (!work.source) fail("needs a source for its attempts.");
    for (const [i, attempt] of attempts.entries()) {
      const last = i === attempts.length - 1;
      const expected = !last ? "request_changes" : status === "done" ? "accept" : undefined;
      if (attempt.review?.verdict !== expected) fail(`attempt ${i + 1} must have ${expected ? `a "${expected}" review` : "no review"}.`);
      if (attempt.checks === "failed" && !attempt.checksLog) fail(`attempt ${i + 1} failed its checks but has no log.`);
    }
  }
  return attempts;
}

/**
 * Creates the Acme agents and their work: assignments (with "assigned" events by the task's owner),
 * claims and submissions (by the agent: actorId null, agentId set), and reviews by the task's owner.
 * Times run backwards from the task's last change: the last step of the lifecycle is that change,
 * and the assignment comes after the last spec revision.
 */
async function seedAgentWork(tx: Tx, workspaceId: string, now: number): Promise<void> {
  const { specThreshold } = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } });
  const agents = {} as Record<SeedAgentKey, { id: string; name: string }>;
  for (const key of Object.keys(SEED_AGENTS) as SeedAgentKey[]) {
    const { name, kind } = SEED_AGENTS[key];
    const createdAt = new Date(now - 30 * DAY_MS);
    agents[key] = await tx.agent.create({ data: { workspaceId, name, kind, createdAt, updatedAt: createdAt }, select: { id: true, name: true } });
  }

  const tasks = await tx.task.findMany({
    where: { workspaceId },
    select: {
      id: true,
      number: true,
      lane: true,
      status: true,
      ownerId: true,
      specScore: true,
      createdAt: true,
      updatedAt: true,
      board: { select: { key: true } },
      revisions: { orderBy: { number: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  const byKey = new Map(tasks.map((task) => [`${task.board.key}-${task.number}`, task]));

  const events: Prisma.TaskEventCreateManyInput[] = [];
  for (const work of AGENT_WORK) {
    const task = byKey.get(work.task);
    if (!task) throw new Error(`Agent work names ${work.task}, which is not an Acme task.`);
    if (task.lane !== "delegate") throw new Error(`Agent work on ${work.task}: only delegate tasks go to agents.`);
    if ((task.specScore ?? 0) < specThreshold) throw new Error(`Agent work on ${work.task}: its spec scores ${task.specScore}, below the threshold ${specThreshold}.`);
    if (!task.ownerId) throw new Error(`Agent work on ${work.task}: the task needs an owner to assign and review it.`);
    const ownerId = task.ownerId;
    const attempts = checkAttempts(work, task.status);
    const agent = agents[work.agent];
    const repo = work.task.split("-")[0]?.toLowerCase() ?? "web";
    const prUrl = work.pr ? `https://github.com/acme/${repo}/pull/${work.pr}` : null;

    // Backwards from the task's last change (at least an hour after its last spec revision).
    const lastSpec = task.revisions[0]?.createdAt.getTime() ?? task.createdAt.getTime();
    const end = Math.min(Math.max(task.updatedAt.getTime(), lastSpec + HOUR_MS), now - MINUTE_MS);
    const times: { submittedAt: number; reviewedAt: number | null }[] = [];
    let t = end;
    for (let i = attempts.length - 1; i >= 0; i--) {
      const attempt = attempts[i] as SeedAttempt;
      const reviewedAt = attempt.review ? t : null;
      if (attempt.review) t -= attempt.review.afterHours * HOUR_MS;
      times.unshift({ submittedAt: t, reviewedAt });
      t -= attempt.minutes * MINUTE_MS;
      // Between attempts the agent picks up the review a few minutes after it was posted.
      if (i > 0) t -= 4 * MINUTE_MS;
    }
    const claimedAt = task.status === "ready" ? null : t;
    const assignedAt = task.status === "ready" ? t : t - 6 * MINUTE_MS;
    if (assignedAt <= lastSpec) throw new Error(`Agent work on ${work.task}: the work would start before the spec was final; shorten it.`);

    events.push({
      workspaceId,
      taskId: task.id,
      actorId: ownerId,
      type: "assigned",
      after: { agent: agent.name },
      createdAt: new Date(assignedAt),
    });
    if (claimedAt !== null) {
      events.push({ workspaceId, taskId: task.id, agentId: agent.id, type: "claimed", after: { status: "in_progress" }, createdAt: new Date(claimedAt) });
    }

    let loopCount = 0;
    for (const [i, attempt] of attempts.entries()) {
      const { submittedAt, reviewedAt } = times[i] as (typeof times)[number];
      const number = i + 1;
      const source = work.source as SubmissionSource;
      const merged = attempt.review?.verdict === "accept" && prUrl !== null;
      const submission = await tx.submission.create({
        data: {
          workspaceId,
          taskId: task.id,
          agentId: agent.id,
          attempt: number,
          source,
          summary: attempt.summary.join("\n"),
          prUrl,
          // Only GitHub deliveries carry the pull request number (as lib/github does).
          prNumber: source === "github" ? (work.pr ?? null) : null,
          branch: work.branch ?? null,
          diff: readDemoDiff(attempt.diff),
          checksStatus: attempt.checks,
          checksUrl: attempt.checks === "none" ? null : `https://github.com/acme/${repo}/actions/runs/${11_203_400_000 + (work.pr ?? 0) * 10 + number}`,
          checksLog: attempt.checksLog?.join("\n") ?? null,
          durationSeconds: attempt.minutes * 60 + ((work.pr ?? 0) % 60),
          costCents: attempt.costCents,
          merged,
          createdAt: new Date(submittedAt),
          updatedAt: new Date(reviewedAt ?? submittedAt),
        },
        select: { id: true },
      });
      events.push({
        workspaceId,
        taskId: task.id,
        agentId: agent.id,
        type: "submitted",
        after: { attempt: number, source, prUrl },
        createdAt: new Date(submittedAt),
      });
      if (attempt.review && reviewedAt !== null) {
        if (attempt.review.verdict === "request_changes") loopCount++;
        await tx.review.create({
          data: {
            workspaceId,
            taskId: task.id,
            submissionId: submission.id,
            reviewerId: ownerId,
            verdict: attempt.review.verdict,
            feedback: attempt.review.feedback.join("\n"),
            loopCount,
            loopLimit: 2,
            createdAt: new Date(reviewedAt),
          },
        });
        events.push({
          workspaceId,
          taskId: task.id,
          actorId: ownerId,
          type: "reviewed",
          after: { attempt: number, verdict: attempt.review.verdict },
          createdAt: new Date(reviewedAt),
        });
      }
    }

    const reviewTimes = times.map((x) => x.reviewedAt).filter((x): x is number => x !== null);
    await tx.task.update({
      where: { id: task.id },
      data: {
        agentId: agent.id,
        assignedAt: new Date(assignedAt),
        claimedAt: claimedAt === null ? null : new Date(claimedAt),
        submittedAt: times.length > 0 ? new Date((times.at(-1) as (typeof times)[number]).submittedAt) : null,
        reviewedAt: reviewTimes.length > 0 ? new Date(Math.max(...reviewTimes)) : null,
        loopCount,
        // One write each for the assignment, the claim, every attempt and every review.
        version: 1 + 1 + (claimedAt === null ? 0 : 1) + attempts.length + reviewTimes.length,
        updatedAt: new Date(Math.max(end, task.updatedAt.getTime())),
      },
    });
  }
  await tx.taskEvent.createMany({ data: events });
}

/**
 * The agent data must tell a consistent story: agents work on delegate tasks only; attempts are
 * numbered 1..n; every In review task of an agent has an attempt with a diff; a task with attempts
 * is In review or Done, and a Done one has an accepted attempt; loopCount is the number of
 * "request changes" reviews.
 */
async function checkAgentWork(tx: Tx, workspaceId: string): Promise<void> {
  const tasks = await tx.task.findMany({
    where: { workspaceId, OR: [{ agentId: { not: null } }, { submissions: { some: {} } }] },
    select: {
      number: true,
      lane: true,
      status: true,
      agentId: true,
      loopCount: true,
      board: { select: { key: true } },
      submissions: { orderBy: { attempt: "asc" }, select: { attempt: true, diff: true, agentId: true } },
      reviews: { select: { verdict: true } },
    },
  });
  for (const task of tasks) {
    const key = `${task.board.key}-${task.number}`;
    const fail = (why: string): never => {
      throw new Error(`Seed check failed for ${key}: ${why}`);
    };
    if (task.lane !== "delegate") fail("only delegate tasks have agents and attempts.");
    if (!task.agentId) fail("it has attempts but no agent.");
    if (task.submissions.some((s, i) => s.attempt !== i + 1)) fail(`attempts are ${task.submissions.map((s) => s.attempt).join(", ")}, not 1..n.`);
    if (task.submissions.some((s) => s.agentId !== task.agentId)) fail("an attempt comes from another agent than the assigned one.");
    if (task.status === "in_review" && !task.submissions.some((s) => s.diff.trim() !== "")) fail("In review without an attempt that has a diff.");
    if (task.submissions.length > 0 && task.status !== "in_review" && task.status !== "done") fail(`it has attempts but is ${task.status}.`);
    if (task.status === "done" && task.submissions.length > 0 && !task.reviews.some((r) => r.verdict === "accept")) fail("Done without an accepted attempt.");
    const loops = task.reviews.filter((r) => r.verdict === "request_changes").length;
    if (task.loopCount !== loops) fail(`loopCount is ${task.loopCount} but it has ${loops} "request changes" reviews.`);
  }
}

export async function seedDemo(prisma: PrismaClient): Promise<{ seeded: boolean }> {
  const existing = await prisma.workspace.findUnique({ where: { slug: "acme" }, select: { id: true } });
  if (existing) return { seeded: false };

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const now = Date.now();

  await prisma.$transaction(
    async (tx) => {
      // Upsert so that a database where the users exist but the workspace was deleted still seeds.
      const users = {} as UserIds;
      for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) {
        const { email, name } = DEMO_USERS[key];
        const user = await tx.user.upsert({
          where: { email },
          create: { email, name, passwordHash },
          update: { name, passwordHash },
          select: { id: true },
        });
        users[key] = user.id;
      }

      const acme = await tx.workspace.create({ data: { name: "Acme", slug: "acme" }, select: { id: true } });
      await tx.membership.createMany({
        data: [
          { workspaceId: acme.id, userId: users.owner, role: "owner" },
          { workspaceId: acme.id, userId: users.member, role: "member" },
          { workspaceId: acme.id, userId: users.viewer, role: "viewer" },
        ],
      });
      const web = await tx.board.create({
        data: { workspaceId: acme.id, name: "Web", key: "WEB" },
        select: { id: true, workspaceId: true },
      });
      const api = await tx.board.create({
        data: { workspaceId: acme.id, name: "API", key: "API" },
        select: { id: true, workspaceId: true },
      });
      await seedBoardTasks(tx, web, WEB_TASKS, users, now);
      await seedBoardTasks(tx, api, API_TASKS, users, now);
      await seedAgentWork(tx, acme.id, now);
      await checkAgentWork(tx, acme.id);

      // Globex: a second tenant the Acme users must never see.
      const globexExists = await tx.workspace.findUnique({ where: { slug: "globex" }, select: { id: true } });
      if (!globexExists) {
        const globex = await tx.workspace.create({ data: { name: "Globex", slug: "globex" }, select: { id: true } });
        await tx.membership.create({ data: { workspaceId: globex.id, userId: users.outsider, role: "owner" } });
        const platform = await tx.board.create({
          data: { workspaceId: globex.id, name: "Platform", key: "PLT" },
          select: { id: true, workspaceId: true },
        });
        await seedBoardTasks(tx, platform, PLATFORM_TASKS, users, now);
      }
    },
    { timeout: 60_000 },
  );

  return { seeded: true };
}

// `tsx --conditions=react-server prisma/seed.ts` (npm run db:seed)
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set. Point it at the database to seed, e.g.\n  DATABASE_URL=postgresql://user:pass@localhost:5432/baton npm run db:seed");
    process.exit(1);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const { seeded } = await seedDemo(prisma);
    console.log(seeded ? "Seeded demo data." : "Demo data already present.");
  } catch (error) {
    console.error("Seeding failed:", error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}
