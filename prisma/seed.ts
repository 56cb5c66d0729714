// Demo data: `npm run db:seed` (or `seedDemo(prisma)` from tests). Creates the four demo users
// from ./demo, the "Acme" workspace (boards WEB and API) and the "Globex" workspace (board PLT).
// Idempotent: does nothing when the "acme" workspace already exists.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import { PrismaClient, type Lane, type TaskStatus } from "../lib/core/generated/prisma/client";
import { keysBetween } from "../lib/board/ordering";
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
}

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
// Seeding.
// ---------------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type UserIds = Record<DemoUserKey, string>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Inserts a board's tasks with positions per (lane, status) cell and one "created" event each. */
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

  const rows = tasks.map((task, index) => {
    const position = cellKeys.get(`${task.lane}:${task.status}`)?.shift();
    if (position === undefined) throw new Error(`No position left for "${task.title}"`);
    const createdAt = new Date(now - task.createdDaysAgo * DAY_MS);
    const updatedAt = new Date(now - Math.min(task.updatedDaysAgo ?? task.createdDaysAgo, task.createdDaysAgo) * DAY_MS);
    const createdById = users[task.createdBy];
    return {
      id: randomUUID(),
      workspaceId: board.workspaceId,
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
      version: 1,
      createdAt,
      updatedAt,
    };
  });

  await tx.task.createMany({ data: rows });
  await tx.taskEvent.createMany({
    data: rows.map((row) => ({
      workspaceId: row.workspaceId,
      taskId: row.id,
      actorId: row.createdById,
      type: "created",
      after: { title: row.title, lane: row.lane, status: row.status },
      createdAt: row.createdAt,
    })),
  });
  await tx.board.update({ where: { id: board.id }, data: { nextNumber: tasks.length + 1 } });
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
