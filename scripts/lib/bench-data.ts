// Data for `npm run bench`: boards of a given size in the demo workspace, with realistic tasks
// spread over every (lane, status) cell, valid fractional positions per cell and one "created"
// event per task, inserted with createMany in batches. Deterministic (seeded random numbers), so
// two runs measure the same board.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Lane, type TaskStatus } from "../../lib/core/generated/prisma/client";
import { keysBetween } from "../../lib/board/ordering";
import { LANES, STATUSES } from "../../lib/task/schema";

export type Random = () => number;

/** mulberry32: a small seeded generator, good enough to spread test data. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickOne = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

export function shuffled<T>(random: Random, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const CELLS: readonly { lane: Lane; status: TaskStatus }[] = LANES.flatMap((lane) => STATUSES.map((status) => ({ lane, status })));

// Boards are not uniform: most work sits in the backlog or is done.
const LANE_WEIGHTS: Record<Lane, number> = { untriaged: 0.25, delegate: 0.4, leverage: 0.35 };
const STATUS_WEIGHTS: Record<TaskStatus, number> = { backlog: 0.3, ready: 0.15, in_progress: 0.15, in_review: 0.1, done: 0.3 };

function weighted<T extends string>(random: Random, weights: Record<T, number>): T {
  let r = random();
  const entries = Object.entries(weights) as [T, number][];
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

const VERBS = ["Fix", "Add", "Remove", "Refactor", "Investigate", "Document", "Migrate", "Speed up", "Write tests for", "Review", "Upgrade", "Redesign"];
const SUBJECTS = [
  "the checkout flow",
  "password reset emails",
  "the billing webhook handler",
  "CSV export",
  "search indexing",
  "the onboarding checklist",
  "audit log retention",
  "rate limiting on the public API",
  "image uploads",
  "the mobile navigation",
  "invoice PDFs",
  "SSO sign-in",
  "the dashboard charts",
  "notification preferences",
  "dark mode contrast",
  "the admin user list",
  "the feature flag service",
  "database connection pooling",
  "error tracking",
  "the pricing page",
  "the GraphQL gateway",
  "session expiry handling",
];
const SUFFIXES = ["", "", "", " for enterprise accounts", " on Safari", " (follow-up)", " before the Q3 launch", " in the EU region", " behind a flag", " for the iOS app"];
const LABELS = ["bug", "billing", "tech-debt", "dx", "frontend", "backend", "infra", "security", "performance", "design", "customer"];
const DESCRIPTION_LINES = [
  "Reported by two customers this week; reproduction steps in the support ticket.",
  "Keep the public API unchanged; this is an internal change only.",
  "- Measure before and after\n- Add a regression test\n- Update the runbook",
  "Blocked on the design review for the new settings page.",
  "See the incident write-up from last Tuesday for the background.",
  "Acceptance: no errors in the logs for 24 hours after the rollout.",
  "The current implementation loads everything into memory; stream it instead.",
  "Pair with the platform team: they own the deployment pipeline.",
];

export interface BenchBoard {
  id: string;
  key: string;
  taskCount: number;
}

export interface BenchSeed {
  workspaceId: string;
  ownerUserId: string;
  boards: BenchBoard[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 250;

/** Creates the given boards in workspace `slug` (which the demo seed made). */
export async function seedBenchBoards(
  url: string,
  slug: string,
  ownerEmail: string,
  boards: readonly { name: string; key: string; tasks: number }[],
): Promise<BenchSeed> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { slug },
      select: { id: true, memberships: { select: { role: true, user: { select: { id: true, email: true } } } } },
    });
    const owner = workspace.memberships.find((m) => m.user.email === ownerEmail);
    if (!owner) throw new Error(`${ownerEmail} is not a member of ${slug}.`);
    // Tasks go to people who can work on them; viewers only look.
    const assignees = workspace.memberships.filter((m) => m.role !== "viewer").map((m) => m.user.id);
    const creators = assignees;

    const created: BenchBoard[] = [];
    for (const [index, spec] of boards.entries()) {
      const random = seededRandom(0xba70 + index);
      const board = await prisma.board.create({
        data: { workspaceId: workspace.id, name: spec.name, key: spec.key, nextNumber: spec.tasks + 1 },
        select: { id: true, key: true },
      });
      const rows = benchTasks(random, spec.tasks, workspace.id, board.id, assignees, creators);
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        await prisma.task.createMany({ data: batch });
        await prisma.taskEvent.createMany({
          data: batch.map((row) => ({
            workspaceId: row.workspaceId,
            taskId: row.id,
            actorId: row.createdById,
            type: "created",
            after: { title: row.title, lane: row.lane, status: row.status },
            createdAt: row.createdAt,
          })),
        });
      }
      created.push({ id: board.id, key: board.key, taskCount: rows.length });
    }
    return { workspaceId: workspace.id, ownerUserId: owner.user.id, boards: created };
  } finally {
    await prisma.$disconnect();
  }
}

function benchTasks(random: Random, count: number, workspaceId: string, boardId: string, assignees: string[], creators: string[]) {
  const now = Date.now();
  // The first tasks go one to each cell, so that no cell is empty; the rest follow the weights.
  const cells = Array.from({ length: count }, (_, i) =>
    i < CELLS.length ? (CELLS[i] as (typeof CELLS)[number]) : { lane: weighted(random, LANE_WEIGHTS), status: weighted(random, STATUS_WEIGHTS) },
  );
  const perCell = new Map<string, number>();
  for (const c of cells) perCell.set(`${c.lane}:${c.status}`, (perCell.get(`${c.lane}:${c.status}`) ?? 0) + 1);
  const keys = new Map([...perCell].map(([cell, n]) => [cell, keysBetween(null, null, n)]));

  return cells.map((cell, index) => {
    const position = keys.get(`${cell.lane}:${cell.status}`)?.shift();
    if (position === undefined) throw new Error("No position left for a bench task.");
    const labelCount = Math.floor(random() * 4); // 0–3
    const labels = [...new Set(Array.from({ length: labelCount }, () => pickOne(random, LABELS)))];
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pickOne(random, DESCRIPTION_LINES));
    // Created over the last 90 days, in number order.
    const createdAt = new Date(now - (90 - (90 * index) / count) * DAY_MS);
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + random() * 10 * DAY_MS));
    return {
      id: randomUUID(),
      workspaceId,
      boardId,
      number: index + 1,
      title: `${pickOne(random, VERBS)} ${pickOne(random, SUBJECTS)}${pickOne(random, SUFFIXES)}`,
      description: lines.join("\n\n"),
      lane: cell.lane,
      status: cell.status,
      position,
      ownerId: random() < 0.2 ? null : pickOne(random, assignees),
      createdById: pickOne(random, creators),
      labels,
      version: 1,
      createdAt,
      updatedAt,
    };
  });
}
