import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { parseTaskKey } from "@/lib/task/schema";

// Reads for the GitHub webhook. A delivery has no session and no token: the gate
// (lib/github/gate.ts) finds the workspace by the slug in the URL and checks the signature.

/** The workspace a webhook URL names, with its secret, for the gate only. */
export async function findWorkspaceForWebhook(slug: string) {
  return db().workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, webhookSecret: true } });
}

export const webhookTaskSelect = {
  id: true,
  boardId: true,
  number: true,
  status: true,
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
