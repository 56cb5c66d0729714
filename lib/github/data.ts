import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { parseTaskKey } from "@/lib/task/schema";

// Reads for the GitHub webhook. A delivery has no session and no token: the gate
// (lib/github/gate.ts) finds the workspace by the slug in the URL and checks the signature.

/** The workspace a webhook URL names, with its secret, for the gate only. */
export async function findWorkspaceForWebhook(slug: string) {
  return db().workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, webhookSecret: true } });
}

export async function specThreshold(tx: Tx, workspaceId: string): Promise<number> {
  return (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } })).specThreshold;
}

/** The latest deliveries, with what each did per task key, for the delivery log in Settings. */
export async function listDeliveries(scope: WorkspaceScope, take = 20) {
  assertCan(scope, "workspace.read");
  const rows = await db().webhookDelivery.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, event: true, action: true, result: true, details: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, details: readDetails(r.details), createdAt: r.createdAt.toISOString() }));
}

export interface DeliveryDetail {
  key: string;
  outcome: "submitted" | "closed" | "ignored";
  reason?: string;
}

function readDetails(value: unknown): DeliveryDetail[] {
  return Array.isArray(value) ? (value as DeliveryDetail[]) : [];
}

export const webhookTaskSelect = {
  id: true,
  boardId: true,
  number: true,
  lane: true,
  status: true,
  position: true,
  specScore: true,
  agentId: true,
  version: true,
  deletedAt: true,
  board: { select: { key: true } },
} as const;

/**
 * The live (not deleted) tasks of one workspace that these keys name, in the keys' order.
 * Keys of other workspaces, or of boards this workspace does not have, find nothing.
 */
export async function findTasksByKeys(tx: Tx, workspaceId: string, keys: string[]) {
  const parsed = keys.map(parseTaskKey).filter((k): k is NonNullable<typeof k> => k !== null);
  if (parsed.length === 0) return [];
  const rows = await tx.task.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      OR: parsed.map((k) => ({ number: k.number, board: { key: k.boardKey, workspaceId } })),
    },
    select: webhookTaskSelect,
  });
  const order = new Map(keys.map((key, index) => [key.toUpperCase(), index]));
  const keyOf = (row: (typeof rows)[number]) => `${row.board.key}-${row.number}`;
  return rows.sort((a, b) => (order.get(keyOf(a)) ?? 0) - (order.get(keyOf(b)) ?? 0));
}

/** Live tasks of the workspace that already hold a submission of this pull request. */
export async function findTasksByPrUrl(tx: Tx, workspaceId: string, prUrl: string) {
  return tx.task.findMany({
    where: { workspaceId, deletedAt: null, submissions: { some: { workspaceId, prUrl } } },
    select: webhookTaskSelect,
  });
}
