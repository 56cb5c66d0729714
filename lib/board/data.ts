import "server-only";
import { now } from "@/lib/core/clock";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { PHASES } from "@/lib/session/rules";
import { LANES, STATUSES } from "@/lib/task/schema";
import { TRIAGE_QUESTIONS } from "@/lib/task/triage";
import type { TaskPerson } from "@/lib/task/types";
import type { BoardView } from "./types";
import { decodeBoard, RECOMMENDATIONS, trimCard, type BoardWire, type WireCard } from "./wire";

export async function listBoards(scope: WorkspaceScope) {
  assertCan(scope, "workspace.read");
  return db().board.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true, _count: { select: { tasks: { where: { deletedAt: null } } } } },
  });
}

const LIVE_SINCE_MARGIN_MS = 5_000;

// The triage rule (lib/task/triage.ts) as jsonb containment, for the board read: leverage when
// any leverage answer is yes, delegate when all the delegate answers are.
const LEVERAGE_YES = TRIAGE_QUESTIONS.filter((q) => q.kind === "leverage").map((q) => JSON.stringify({ [q.id]: true }));
const DELEGATE_ALL_YES = JSON.stringify(Object.fromEntries(TRIAGE_QUESTIONS.filter((q) => q.kind === "delegate").map((q) => [q.id, true])));

interface BoardRow {
  board: BoardView["board"];
  specThreshold: number;
  loopLimit: number;
  agents: BoardView["agents"];
  members: TaskPerson[];
  /** People the cards name who are not members (any more). */
  others: TaskPerson[];
  /** The wire's tuples, all sixteen fields, with the owner (7), the agent (11) and the session's person (15[3]) named by id. */
  cards: WireCard[];
}

/**
 * The board as the browser receives it (lib/board/wire.ts), in one SQL statement whatever the
 * board's size: PostgreSQL builds the cards' tuples and their order, so that a 1,000-card board
 * is one JSON value to parse rather than a thousand rows with relations to map (decision 46).
 */
export async function getBoardWire(scope: WorkspaceScope, boardKey: string): Promise<BoardWire> {
  assertCan(scope, "workspace.read");
  // A change committed while the board is read may carry a slightly earlier time: replay from before.
  const liveSince = new Date(now().getTime() - LIVE_SINCE_MARGIN_MS).toISOString();
  const ws = scope.workspaceId;
  const [row] = await db().$queryRaw<{ wire: string }[]>`
    WITH board AS (
      SELECT b.id, b.key, b.name, w.spec_threshold, w.loop_limit
      FROM boards b JOIN workspaces w ON w.id = b.workspace_id
      WHERE b.workspace_id = ${ws} AND b.key = ${boardKey.toUpperCase()}
    ),
    cards AS (
      SELECT t.id, t.position, t.owner_id, s.user_id AS session_user_id,
        json_build_array(
          t.id, t.number, t.title,
          array_position(${LANES}::text[], t.lane::text) - 1,
          array_position(${STATUSES}::text[], t.status::text) - 1,
          t.position, t.version, t.owner_id,
          CASE WHEN cardinality(t.labels) = 0 THEN to_json(0) ELSE to_json(t.labels) END,
          CASE WHEN t.triage IS NULL OR t.triage = 'null'::jsonb THEN -1
               WHEN jsonb_typeof(t.triage) = 'object' AND t.triage @> ANY(${LEVERAGE_YES}::jsonb[]) THEN ${RECOMMENDATIONS.indexOf("leverage")}::int
               WHEN jsonb_typeof(t.triage) = 'object' AND t.triage @> ${DELEGATE_ALL_YES}::jsonb THEN ${RECOMMENDATIONS.indexOf("delegate")}::int
               ELSE ${RECOMMENDATIONS.indexOf("unclear")}::int END,
          t.spec_score, t.agent_id,
          coalesce(attempts.n, 0),
          t.loop_count,
          -- The latest stage an agent reached: reviewed, submitted, working (claimed) or assigned; a tie goes to the later stage.
          CASE WHEN t.agent_id IS NULL THEN to_json(0)
               WHEN lc.at IS NULL THEN json_build_array(0, NULL)
               ELSE json_build_array(
                 CASE lc.at WHEN t.reviewed_at THEN 3 WHEN t.submitted_at THEN 2 WHEN t.claimed_at THEN 1 ELSE 0 END,
                 to_char(lc.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
          CASE WHEN s.id IS NULL THEN to_json(0)
               ELSE json_build_array(s.id, CASE WHEN s.state = 'paused' THEN 1 ELSE 0 END, array_position(${PHASES}::text[], s.phase::text) - 1, s.user_id) END
        ) AS card
      FROM tasks t
      JOIN board ON board.id = t.board_id
      CROSS JOIN LATERAL (SELECT GREATEST(t.reviewed_at, t.submitted_at, t.claimed_at, t.assigned_at) AS at) lc
      -- Counted for the board's tasks in one index scan (a count per card took a quarter of the
      -- statement's time; a join with submissions reads all of them once there are many).
      LEFT JOIN (SELECT task_id, count(*)::int AS n FROM submissions
                 WHERE task_id = ANY(ARRAY(SELECT id FROM tasks WHERE board_id = (SELECT id FROM board))) GROUP BY task_id) attempts
        ON attempts.task_id = t.id
      -- At most one unfinished session per task (a unique index).
      LEFT JOIN leverage_sessions s ON s.task_id = t.id AND s.workspace_id = ${ws} AND s.state <> 'finished'
      WHERE t.workspace_id = ${ws} AND t.deleted_at IS NULL
    )
    SELECT json_build_object(
      'board', json_build_object('id', board.id, 'key', board.key, 'name', board.name),
      'specThreshold', board.spec_threshold,
      'loopLimit', board.loop_limit,
      'agents', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind) ORDER BY a.name), '[]') FROM agents a WHERE a.workspace_id = ${ws}),
      'members', (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email)), '[]')
                  FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ${ws}),
      'others', (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email)), '[]') FROM users u
                 WHERE u.id IN (SELECT owner_id FROM cards UNION SELECT session_user_id FROM cards)
                   AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = ${ws} AND m.user_id = u.id)),
      -- Byte order, as the cell's index sorts: a locale-aware order would misplace fractional keys.
      'cards', (SELECT coalesce(json_agg(c.card ORDER BY c.position, c.id COLLATE "C"), '[]') FROM cards c)
    )::text AS wire
    FROM board`;
  if (!row) throw notFound("Board not found.");
  const found = JSON.parse(row.wire) as BoardRow;
  const members = found.members.sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  // People are named by their index: members first, then the others.
  const people = new Map([...members, ...found.others].map((p, i) => [p.id, i]));
  const agents = new Map(found.agents.map((a, i) => [a.id, i]));
  const labels = new Set<string>();
  const index = (names: Map<string, number>, id: unknown) => (id === null ? -1 : names.get(id as string)!);
  for (const card of found.cards) {
    card[7] = index(people, card[7]);
    card[11] = index(agents, card[11]);
    if (card[15]) card[15][3] = index(people, card[15][3]);
    if (card[8]) for (const label of card[8]) labels.add(label);
    trimCard(card);
  }
  return {
    workspace: { slug: scope.workspaceSlug, name: scope.workspaceName },
    board: found.board,
    role: scope.role,
    liveSince,
    viewerId: scope.userId,
    specThreshold: found.specThreshold,
    loopLimit: found.loopLimit,
    agents: found.agents,
    members,
    labels: [...labels].sort(),
    cards: found.cards,
    formerMembers: found.others,
  };
}

/** The board for the server's own use (and tests): the wire, decoded. */
export async function getBoardView(scope: WorkspaceScope, boardKey: string): Promise<BoardView> {
  assertCan(scope, "workspace.read");
  return decodeBoard(await getBoardWire(scope, boardKey));
}
