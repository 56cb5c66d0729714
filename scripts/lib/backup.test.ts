// Backup and restore against PostgreSQL: a backup taken while the app writes restores into an
// empty database with every table's rows, in the same order; a target with data, or a damaged
// file, is refused and leaves the target as it was.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTask, moveTask, updateTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { BackupFileError, backupDatabase, BackupReader, copyOutQuery, listTables, RefusedError, restoreDatabase, type TableInfo } from "./backup";
import { applyMigrations } from "./migrate";
import { scratchDatabases } from "./scratch-db";

const source = process.env.DATABASE_URL as string;
const scratch = scratchDatabases(source);
const dir = mkdtempSync(path.join(tmpdir(), "baton-backup-"));
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace();
  // One row far larger than a read chunk, full of text that looks like COPY's end-of-data line.
  const big = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Big" });
  await db().task.update({ where: { id: big.id }, data: { description: `\\.\n${"x\\.\ty\r\n\\.\n".repeat(200_000)}\\.` } });
});

afterAll(async () => {
  await scratch.dropAll();
  rmSync(dir, { recursive: true, force: true });
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Rows and a checksum of each table's rows as text, in key order — tasks in board order. */
async function checksums(client: pg.ClientBase, tables: TableInfo[]): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of tables) {
    const order = table.name === "tasks" ? ["board_id", "lane", "status", "position", "id"] : table.orderBy;
    const { rows } = await client.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY ${order.map((c) => `t.${pg.escapeIdentifier(c)}`).join(", ")}), '')) AS md5
       FROM ${pg.escapeIdentifier(table.name)} t`,
    );
    result[table.name] = rows[0] as { rows: number; md5: string };
  }
  return result;
}

/** The SHA-256 of a table's COPY text as the backup writes it. */
async function copyDigest(client: pg.Client, table: TableInfo): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of client.query(copyTo(copyOutQuery(table))) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest("hex");
}

async function publicTables(url: string): Promise<number> {
  return withClient(url, async (client) => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]?.n ?? -1);
}

/**
 * Runs `during` while two writers create, edit and move tasks through the app's mutations, and
 * stops them only after at least one more write has committed once it is done.
 */
async function whileWriting<T>(during: () => Promise<T>): Promise<T> {
  let writing = true;
  let written = 0;
  const writer = async (name: string) => {
    while (writing) {
      const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: `${name} ${written}`, status: written % 2 ? "ready" : "backlog" });
      const edited = await updateTask(ws.scopes.member, task.key, { version: task.version, title: `${name} ${written} (edited)` });
      await moveTask(ws.scopes.member, edited.key, { lane: "leverage", status: "in_progress", afterId: null });
      written++;
    }
  };
  const writers = [writer("A"), writer("B")];
  while (written < 4) await new Promise((resolve) => setImmediate(resolve));
  try {
    const result = await during();
    const after = written;
    while (written === after) await new Promise((resolve) => setImmediate(resolve));
    return result;
  } finally {
    writing = false;
    await Promise.all(writers);
  }
}

// Each test restores at least once (migrations, copies, checks): more than the default test time on a busy machine.
describe("backup during writes", { timeout: 60_000 }, () => {
  it("restores exactly the snapshot it was taken in: every table's rows, in key and board order", async () => {
    const holder = await connect(source);
    try {
      const { expected, backup } = await whileWriting(async () => {
        // A transaction that exports its snapshot: the backup reads in it, and the checksums are taken in it too.
        await holder.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
        const { rows } = await holder.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
        const snapshot = rows[0]?.id as string;
        const backup = await backupDatabase(source, path.join(dir, "snapshot.baton.gz"), { snapshot });
        const expected = await checksums(holder, await listTables(holder));
        await holder.query("COMMIT");
        return { expected, backup };
      });
      expect(Object.keys(expected)).toContain("_prisma_migrations");
      expect(backup.tables.map((t) => [t.name, t.rows])).toEqual(backup.tables.map((t) => [t.name, expected[t.name]?.rows]));

      const target = await scratch.create();
      const restored = await restoreDatabase(target, backup.file);
      expect(restored.tables).toEqual(backup.tables);
      const got = await withClient(target, async (client) => checksums(client, await listTables(client)));
      expect(got).toEqual(expected);
      // The app kept writing: the source has moved on from the snapshot.
      const now = await withClient(source, async (client) => checksums(client, await listTables(client)));
      expect(now.tasks?.rows).toBeGreaterThan(expected.tasks?.rows ?? Infinity);
    } finally {
      await holder.end();
    }
  });

  it("takes its own consistent snapshot: the restore reads back the rows and checksums the file recorded", async () => {
    const backup = await whileWriting(() => backupDatabase(source, path.join(dir, "own.baton.gz")));
    const target = await scratch.create();
    await restoreDatabase(target, backup.file);
    await withClient(target, async (client) => {
      for (const table of await listTables(client)) {
        const recorded = backup.tables.find((t) => t.name === table.name);
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(table.name)}`);
        expect([table.name, rows[0]?.n, await copyDigest(client, table)]).toEqual([table.name, recorded?.rows, recorded?.sha256]);
      }
    });
  });
});

describe("reading a backup", () => {
  // Lines that are, or almost are, the `\.` end-of-data line, and one row longer than any chunk.
  const rows = ["a\\.\tb\n", "\\\\.\n", "\\.x\n", "\\\n", `${"\\.".repeat(5000)}\n`, "\n"].join("");
  const file = Buffer.from(`HEADER\n${rows}\\.\nEND\n`);

  async function* chunks(size: number) {
    for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size);
  }

  it.each([1, 2, 3, 7, 4096])("finds the end of a table's rows whatever the chunks (%i bytes)", async (size) => {
    const reader = new BackupReader(chunks(size));
    expect(await reader.line()).toBe("HEADER");
    const data: Buffer[] = [];
    for await (const chunk of reader.tableData()) data.push(chunk);
    expect(Buffer.concat(data).toString()).toBe(rows);
    expect(await reader.line()).toBe("END");
    expect(await reader.atEnd()).toBe(true);
  });

  it("says so when the rows end without their end line", async () => {
    async function* cutShort() {
      yield Buffer.from("HEADER\nrow\n\\");
    }
    const reader = new BackupReader(cutShort());
    await reader.line();
    const read = async () => {
      for await (const _chunk of reader.tableData());
    };
    await expect(read()).rejects.toThrow(/ends early/);
  });
});

describe("restore refuses", { timeout: 60_000 }, () => {
  let file: string;
  let plain: Buffer;

  beforeAll(async () => {
    file = (await backupDatabase(source, path.join(dir, "quiet.baton.gz"))).file;
    plain = gunzipSync(readFileSync(file));
  });

  it("a target with data, unless forced; a migrated but empty one is fine", async () => {
    const target = await scratch.create();
    await applyMigrations(target);
    await restoreDatabase(target, file);
    const before = await withClient(target, async (client) => checksums(client, await listTables(client)));

    const refused = await restoreDatabase(target, file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefusedError);
    expect((refused as Error).message).toMatch(/already has data .*--force/);
    expect(await withClient(target, async (client) => checksums(client, await listTables(client)))).toEqual(before);

    await withClient(target, (client) => client.query("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks LIMIT 3)"));
    await restoreDatabase(target, file, { force: true });
    expect(await withClient(target, async (client) => checksums(client, await listTables(client)))).toEqual(before);
  });

  it("exits with code 2 from the command line", async () => {
    const target = await scratch.create();
    const run = (...args: string[]) =>
      spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/baton.ts", ...args], { env: { ...process.env, DATABASE_URL: target }, encoding: "utf8" });
    const first = run("restore", file);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Restored \d+ tables/);
    const second = run("restore", file);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/^Refused: The target database already has data/);
  });

  const damaged: [string, () => Buffer, RegExp][] = [
    ["cut short (the gzip stream ends early)", () => readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)), /damaged or not a Baton backup/],
    ["cut short at a line (valid gzip, no end record)", () => gzipSync(plain.subarray(0, plain.lastIndexOf("\nCOPY tasks\n") + 200)), /ends early/],
    [
      "a changed byte in a row",
      () => {
        const text = Buffer.from(plain);
        const at = text.indexOf("@", text.indexOf("\nCOPY users\n"));
        text[at] = "#".charCodeAt(0);
        return gzipSync(text);
      },
      /rows of users do not match the backup's checksum/,
    ],
    [
      "a value PostgreSQL cannot read",
      () => {
        const text = Buffer.from(plain);
        // The first migration row ends with its applied_steps_count, an integer.
        const at = text.indexOf("\n", text.indexOf("\nCOPY _prisma_migrations\n") + 25) - 1;
        text[at] = "x".charCodeAt(0);
        return gzipSync(text);
      },
      /rows of _prisma_migrations cannot be restored \(invalid input syntax for type integer/,
    ],
    ["not gzip at all", () => Buffer.from("BEGIN; DROP TABLE users; COMMIT;\n"), /damaged or not a Baton backup/],
  ];

  it.each(damaged)("a damaged file — %s — and leaves the target empty", async (_name, make, message) => {
    const target = await scratch.create();
    const bad = path.join(dir, `damaged-${Math.random().toString(36).slice(2)}.baton.gz`);
    writeFileSync(bad, make());
    const error = await restoreDatabase(target, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupFileError);
    expect((error as Error).message).toMatch(message);
    expect(await publicTables(target)).toBe(0);
  });
});
