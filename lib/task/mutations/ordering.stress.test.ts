// Card order under stress, on a database whose default collation sorts text the way people read
// it (en_US.UTF-8), where a position key compared by locale would come out in the wrong order
// ("a0" vs "Zz"): position keys are compared byte by byte (the column is COLLATE "C", lib/board/ordering.ts).
//   - 50 clients × 20 random moves within one 200-card column: every card exactly once, no two
//     with one key, and the database's order is the order the board shows.
//   - 10,000 cards dropped at one spot keep their keys short: the cell is rebalanced, and the order
//     people see does not change when it is.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBoardView } from "@/lib/board/data";
import { compareKeys } from "@/lib/board/ordering";
import { createPrismaClient, withDb, type Db } from "@/lib/core/db";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { applyMigrations } from "../../../scripts/lib/migrate";
import { MAX_KEY_LENGTH } from "./cell";
import { moveTask } from "./index";

const COLUMN = 200;
const CLIENTS = 50;
const MOVES_PER_CLIENT = 20;
const DROPS = 10_000;

let admin: pg.Client;
let client: Db;
let database: string;
let collation: string;

/** A database of its own with the en_US.UTF-8 collation (ICU's en-US where the OS lacks the locale). */
beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  database = `baton_collation_${randomUUID().slice(0, 8)}`;
  admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}" LOCALE 'en_US.UTF-8' TEMPLATE template0`);
  } catch {
    await admin.query(`CREATE DATABASE "${database}" LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`);
  }
  const { rows } = await admin.query<{ collation: string }>(
    `SELECT CASE WHEN datlocprovider = 'i' THEN 'ICU ' || datlocale ELSE datcollate END AS collation FROM pg_database WHERE datname = $1`,
    [database],
  );
  collation = rows[0]!.collation;
  const target = Object.assign(new URL(url), { pathname: `/${database}` }).toString();
  await applyMigrations(target);
  client = createPrismaClient(target);
}, 120_000);

afterAll(async () => {
  await client?.$disconnect();
  await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin?.end();
});

const on = <T>(run: () => Promise<T>) => withDb(client, run);

/** The column's cards as the database orders them (by the key column's own collation) and as the board shows them. */
async function orders(workspace: TestWorkspace, lane: string, status: string) {
  const rows = await client.$queryRaw<{ id: string; position: string }[]>`
    SELECT t.id, t.position FROM tasks t JOIN boards b ON b.id = t.board_id JOIN workspaces w ON w.id = t.workspace_id
    WHERE w.slug = ${workspace.slug} AND t.lane = ${lane}::"Lane" AND t.status = ${status}::"TaskStatus" AND t.deleted_at IS NULL
    ORDER BY t.position`;
  const view = await on(() => getBoardView(workspace.scopes.member, workspace.boardKey));
  const shown = view.tasks.filter((t) => t.lane === lane && t.status === status);
  return { database: rows, shown };
}

/** Cards in one cell, created straight in the database (the mutations would take minutes for thousands). */
async function fillCell(workspace: TestWorkspace, lane: string, status: string, count: number): Promise<string[]> {
  const { keysBetween } = await import("@/lib/board/ordering");
  const keys = keysBetween(null, null, count);
  const ids = keys.map(() => randomUUID());
  await client.$executeRaw`
    INSERT INTO tasks (id, workspace_id, board_id, number, title, lane, status, position, updated_at)
    SELECT k.id, w.id, b.id, b.next_number + k.n, 'Card ' || k.n, ${lane}::"Lane", ${status}::"TaskStatus", k.key, now()
    FROM unnest(${ids}::text[], ${keys}::text[]) WITH ORDINALITY AS k(id, key, n)
    CROSS JOIN workspaces w JOIN boards b ON b.workspace_id = w.id AND b.key = ${workspace.boardKey}
    WHERE w.slug = ${workspace.slug}`;
  await client.$executeRaw`UPDATE boards b SET next_number = b.next_number + ${count} FROM workspaces w WHERE w.id = b.workspace_id AND w.slug = ${workspace.slug}`;
  return ids;
}

/** Task keys ("TST-12") by id. */
async function taskKeys(ids: string[]): Promise<Map<string, string>> {
  const rows = await client.$queryRaw<{ id: string; key: string }[]>`
    SELECT t.id, b.key || '-' || t.number AS key FROM tasks t JOIN boards b ON b.id = t.board_id WHERE t.id = ANY(${ids}::text[])`;
  return new Map(rows.map((r) => [r.id, r.key]));
}

describe("card order under stress", () => {
  it(`holds for ${CLIENTS} clients × ${MOVES_PER_CLIENT} random moves in one ${COLUMN}-card column`, { timeout: 300_000 }, async () => {
    const workspace = await on(() => createTestWorkspace());
    const ids = await fillCell(workspace, "untriaged", "backlog", COLUMN);
    const keys = await taskKeys(ids);
    const numbers = ids.map((id) => keys.get(id)!);
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const plans = Array.from({ length: CLIENTS }, () =>
      Array.from({ length: MOVES_PER_CLIENT }, () => ({ key: numbers[Math.floor(random() * COLUMN)]!, after: random() < 0.1 ? null : ids[Math.floor(random() * COLUMN)]! })),
    );
    const failures: unknown[] = [];
    await on(() =>
      Promise.all(
        plans.map(async (plan) => {
          for (const move of plan) {
            await moveTask(workspace.scopes.member, move.key, { lane: "untriaged", status: "backlog", afterId: move.after }).catch((error: unknown) => failures.push(error));
          }
        }),
      ),
    );
    expect(failures).toEqual([]);
    const { database, shown } = await orders(workspace, "untriaged", "backlog");
    expect(new Set(database.map((r) => r.id)).size, "every card exactly once").toBe(COLUMN);
    expect(new Set(database.map((r) => r.position)).size, "no two cards share a key").toBe(COLUMN);
    expect(shown.map((t) => t.id), "the database's order is the order the board shows").toEqual(database.map((r) => r.id));
    const sorted = [...database].sort((a, b) => compareKeys(a.position, b.position));
    expect(database.map((r) => r.id), `byte order, also under ${collation}`).toEqual(sorted.map((r) => r.id));
  });

  it(`keeps keys short over ${DROPS.toLocaleString("en")} drops at one spot, without changing the order`, { timeout: 600_000 }, async () => {
    const workspace = await on(() => createTestWorkspace());
    const ids = await fillCell(workspace, "leverage", "ready", COLUMN);
    const keys = await taskKeys(ids);
    const spot = ids[0]!;
    // Each drop takes the column's last card and puts it right after the first: every new key
    // falls between the first card's and the previous drop's.
    const expected = [...ids];
    let longest = 0;
    let rebalances = 0;
    let last = Infinity;
    for (let drop = 0; drop < DROPS; drop++) {
      const moving = expected.pop()!;
      expected.splice(1, 0, moving);
      const view = await on(() => moveTask(workspace.scopes.member, keys.get(moving)!, { lane: "leverage", status: "ready", afterId: spot }));
      longest = Math.max(longest, view.position.length);
      if (view.position.length < last) rebalances++;
      last = view.position.length;
    }
    const { database, shown } = await orders(workspace, "leverage", "ready");
    expect(longest, "the longest key any drop made").toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(Math.max(...database.map((r) => r.position.length))).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(rebalances, "the cell was rebalanced along the way").toBeGreaterThan(0);
    expect(database.map((r) => r.id), "the order the drops made").toEqual(expected);
    expect(shown.map((t) => t.id)).toEqual(expected);
    expect(new Set(database.map((r) => r.position)).size).toBe(COLUMN);
  });
});
