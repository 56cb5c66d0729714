import "server-only";
import { now } from "@/lib/core/clock";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { taskCardSelect, toTaskCard } from "@/lib/task/data";
import { compareKeys } from "./ordering";
import type { BoardView } from "./types";

export async function listBoards(scope: WorkspaceScope) {
  assertCan(scope, "workspace.read");
  return db().board.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true, _count: { select: { tasks: { where: { deletedAt: null } } } } },
  });
}

const LIVE_SINCE_MARGIN_MS = 5_000;

/**
 * Everything the board page needs, in a fixed number of statements whatever the board's size:
 * the board, its live tasks with owners, and the workspace's members.
 */
export async function getBoardView(scope: WorkspaceScope, boardKey: string): Promise<BoardView> {
  assertCan(scope, "workspace.read");
  // A change committed while the board is read may carry a slightly earlier time: replay from before.
  const liveSince = new Date(now().getTime() - LIVE_SINCE_MARGIN_MS).toISOString();
  const found = await db().board.findFirst({
    where: { workspaceId: scope.workspaceId, key: boardKey.toUpperCase() },
    select: {
      id: true,
      key: true,
      name: true,
      workspace: { select: { specThreshold: true, loopLimit: true, agents: { select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } } } },
    },
  });
  if (!found) throw notFound("Board not found.");
  const { workspace, ...board } = found;
  const [rows, memberships] = await Promise.all([
    db().task.findMany({
      where: { workspaceId: scope.workspaceId, boardId: board.id, deletedAt: null },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: taskCardSelect,
    }),
    db().membership.findMany({
      where: { workspaceId: scope.workspaceId },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  const tasks = rows.map(toTaskCard);
  // Byte order, as in the database: a locale-aware sort would misplace fractional keys.
  tasks.sort((a, b) => compareKeys(a.position, b.position) || compareKeys(a.id, b.id));
  const labels = [...new Set(tasks.flatMap((t) => t.labels))].sort();
  const members = memberships.map((m) => m.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  return {
    workspace: { slug: scope.workspaceSlug, name: scope.workspaceName },
    board,
    role: scope.role,
    liveSince,
    viewerId: scope.userId,
    specThreshold: workspace.specThreshold,
    loopLimit: workspace.loopLimit,
    agents: workspace.agents,
    tasks,
    members,
    labels,
  };
}
