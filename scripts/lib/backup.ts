// `npm run baton -- backup` and `restore`: a logical backup of the whole database, written in Node
// because the embedded PostgreSQL ships no pg_dump and a system pg_dump of another major version
// refuses the server (docs/decisions.md). The file is gzip of:
//
//   {header: format, migrations, tables with their columns, sequences}   one line of JSON
//   COPY <table>  then the table's rows in COPY text format, then \.    for each table
//   END {trailer: rows and SHA-256 of each table's COPY text}           one line
//
// Rows are in primary-key order, so the same data always gives the same COPY text and checksums.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrations, migrationsDir } from "./migrate";

const FORMAT = "baton-backup";
const FORMAT_VERSION = 1;
const MIGRATIONS_TABLE = "_prisma_migrations";

// The history table as Prisma's schema engine creates it; migrations do not create it themselves.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The target's state rules the command out (it has data, a workspace exists…): exit code 2. */
export class RefusedError extends Error {}

/** The file is not a complete, intact Baton backup. */
export class BackupFileError extends Error {}

export interface TableInfo {
  name: string;
  columns: string[];
  /** The primary key, or every column when there is none: the order rows are written in. */
  orderBy: string[];
}

export interface Migration {
  name: string;
  checksum: string;
}

interface Header {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: Migration[];
  tables: TableInfo[];
  sequences: { name: string; lastValue: string | null }[];
}

export interface TableDigest {
  name: string;
  rows: number;
  sha256: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: TableDigest[];
}

export interface RestoreSummary {
  tables: TableDigest[];
  /** Migrations newer than the backup, applied after it was restored. */
  migrated: string[];
}

export const quote = pg.escapeIdentifier;

/** PostgreSQL refused a value or a key of the file's rows (SQLSTATE classes 22 and 23): the file is at fault. */
export function isRowError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError && /^2[23]/.test(error.code ?? "");
}

/**
 * COPY's text depends on these settings; they are fixed as pg_dump fixes them, so that a file
 * reads back the same on any server. Timeouts are off: a large table takes as long as it takes.
 */
export async function pinSessionSettings(client: pg.ClientBase): Promise<void> {
  await client.query(
    "SET LOCAL datestyle = 'ISO, YMD'; SET LOCAL intervalstyle = 'postgres'; SET LOCAL timezone = 'UTC'; " +
      "SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex'; SET LOCAL statement_timeout = 0; " +
      "SET LOCAL idle_in_transaction_session_timeout = 0",
  );
}

/** Migrations applied to the database, in order (none when it was never migrated). */
export async function appliedMigrations(client: pg.ClientBase): Promise<Migration[]> {
  const exists = await client.query("SELECT to_regclass($1) AS oid", [`public.${MIGRATIONS_TABLE}`]);
  if (!exists.rows[0]?.oid) return [];
  const { rows } = await client.query<Migration>(
    `SELECT migration_name AS name, checksum FROM ${MIGRATIONS_TABLE}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows;
}

/** Every table of the public schema, parents before the tables whose foreign keys point at them. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; key: string[]; parents: string[] }>(`
    SELECT c.relname::text AS name,
      array(SELECT a.attname::text FROM pg_attribute a
            -- Generated columns are left out: PostgreSQL computes them again from the rest on restore.
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
      array(SELECT a.attname::text FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, n), pg_attribute a
            WHERE i.indrelid = c.oid AND i.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.n) AS key,
      array(SELECT DISTINCT p.relname::text FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
            WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid AND p.relnamespace = c.relnamespace) AS parents
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
    ORDER BY c.relname`);
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < rows.length) {
    const ready = rows.filter((t) => !placed.has(t.name) && t.parents.every((p) => placed.has(p)));
    if (ready.length === 0) {
      const rest = rows.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new Error(`These tables reference each other in a cycle, so no restore order exists: ${rest.join(", ")}.`);
    }
    for (const t of ready) {
      ordered.push({ name: t.name, columns: t.columns, orderBy: t.key.length ? t.key : t.columns });
      placed.add(t.name);
    }
  }
  return ordered;
}

/** The COPY that writes a table's rows; the tests read a restored database back with it. */
export function copyOutQuery(table: TableInfo): string {
  const columns = table.columns.map(quote).join(", ");
  return `COPY (SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${table.orderBy.map(quote).join(", ")}) TO STDOUT`;
}

export function defaultBackupName(now = new Date()): string {
  return `baton-backup-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.baton.gz`;
}

/**
 * Writes a backup of the database at `url` to `file`. Everything is read in one REPEATABLE READ
 * transaction, so the file is one consistent moment while the app keeps writing. `snapshot` (an
 * id from pg_export_snapshot()) backs up exactly what that other transaction sees, as pg_dump's
 * --snapshot does; the tests compare against it.
 */
export async function backupDatabase(url: string, file: string, options: { snapshot?: string } = {}): Promise<BackupSummary> {
  return writeFromSnapshot(url, file, options, async (client) => {
    const tables = await listTables(client);
    if (!tables.some((t) => t.name === MIGRATIONS_TABLE)) throw new Error("This database has no Baton schema (no _prisma_migrations table).");
    // As pg_dump does: a migration started meanwhile waits for the backup instead of changing a table under it.
    await client.query(`LOCK TABLE ${tables.map((t) => quote(t.name)).join(", ")} IN ACCESS SHARE MODE`);
    const { rows: sequences } = await client.query<{ name: string; lastValue: string | null }>(
      "SELECT sequencename::text AS name, last_value::text AS \"lastValue\" FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
    );
    const header: Header = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "",
      migrations: await appliedMigrations(client),
      tables,
      sequences,
    };
    const digests: TableDigest[] = [];
    async function* contents() {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        yield `COPY ${table.name}\n`;
        const hash = createHash("sha256");
        // COPY text is one line per row (newlines in values are escaped). The stream's own rowCount
        // may arrive after its last chunk, so the lines are counted here.
        let rows = 0;
        for await (const chunk of client.query(copyTo(copyOutQuery(table))) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) rows++;
          yield chunk;
        }
        yield "\\.\n";
        digests.push({ name: table.name, rows, sha256: hash.digest("hex") });
      }
      yield `END ${JSON.stringify({ tables: digests })}\n`;
    }
    return { contents: contents(), gzip: true, summary: () => ({ tables: digests }) };
  });
}

/**
 * Reads in one read-only REPEATABLE READ snapshot (optionally an exported one) with pinned session
 * settings, and streams what `prepare` yields into `<file>.partial`, renamed to `file` only when
 * complete: a file with the name asked for is always a whole one. Shared by the backup and the
 * workspace export.
 */
export async function writeFromSnapshot<S>(
  url: string,
  file: string,
  options: { snapshot?: string },
  prepare: (client: pg.Client) => Promise<{ contents: AsyncIterable<string | Buffer>; gzip: boolean; summary: () => S }>,
): Promise<S & { file: string; bytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (options.snapshot) await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(options.snapshot)}`);
    await pinSessionSettings(client);
    const { contents, gzip, summary } = await prepare(client);
    if (gzip) await pipeline(contents, createGzip(), createWriteStream(partial));
    else await pipeline(contents, createWriteStream(partial));
    await client.query("COMMIT");
    renameSync(partial, file);
    return { ...summary(), file, bytes: statSync(file).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Reads the decompressed file: control lines, and each table's COPY text up to its `\.` line,
 * passed on in the chunks it arrives in (a diff of many megabytes is one line, and is never
 * gathered into one buffer).
 */
export class BackupReader {
  private rest: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async more(): Promise<void> {
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      throw new BackupFileError("The file ends early: it was cut short or is not a complete Baton backup.");
    }
    this.rest = this.rest.length ? Buffer.concat([this.rest, next.value]) : next.value;
  }

  async line(): Promise<string> {
    for (;;) {
      const end = this.rest.indexOf(0x0a);
      if (end >= 0) {
        const line = this.rest.subarray(0, end).toString("utf8");
        this.rest = this.rest.subarray(end + 1);
        return line;
      }
      await this.more();
    }
  }

  async atEnd(): Promise<boolean> {
    if (this.rest.length) return false;
    if (this.ended) return true;
    const next = await this.source.next();
    if (next.done) return true;
    this.rest = next.value;
    return this.rest.length === 0 && this.atEnd();
  }

  /** Yields the bytes up to the next line that is exactly `\.`, and consumes that line. */
  async *tableData(): AsyncGenerator<Buffer> {
    // Inside a line already known not to be the `\.` line: pass bytes on up to its end.
    let midLine = false;
    for (;;) {
      const chunk = this.rest;
      let start = 0;
      if (midLine) {
        const end = chunk.indexOf(0x0a);
        if (end < 0) {
          if (chunk.length) yield chunk;
          this.rest = Buffer.alloc(0);
          await this.more();
          continue;
        }
        start = end + 1;
        midLine = false;
      }
      let at = start;
      for (;;) {
        if (chunk.length - at >= 3 && chunk[at] === 0x5c && chunk[at + 1] === 0x2e && chunk[at + 2] === 0x0a) {
          if (at > 0) yield chunk.subarray(0, at);
          this.rest = chunk.subarray(at + 3);
          return;
        }
        const end = chunk.indexOf(0x0a, at);
        if (end < 0) break;
        at = end + 1;
      }
      // chunk[at..] is the start of a line. Unless it may still become `\.`, it can go on now.
      const tail = chunk.subarray(at);
      if (tail.length > 0 && !Buffer.from("\\.").subarray(0, tail.length).equals(tail)) {
        yield chunk;
        this.rest = Buffer.alloc(0);
        midLine = true;
      } else {
        if (at > 0) yield chunk.subarray(0, at);
        this.rest = tail;
      }
      await this.more();
    }
  }
}

function parseRecord<T>(text: string, what: string): Partial<T> {
  try {
    return JSON.parse(text) as Partial<T>;
  } catch {
    throw new BackupFileError(`This is not a Baton backup, or it is damaged (its ${what} is not JSON).`);
  }
}

function parseHeader(line: string): Header {
  const header = parseRecord<Header>(line, "header");
  if (header.format !== FORMAT) throw new BackupFileError("This is not a Baton backup.");
  if (header.version !== FORMAT_VERSION) throw new BackupFileError(`This backup has format version ${header.version}; this Baton reads version ${FORMAT_VERSION}.`);
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables) || !Array.isArray(header.sequences)) {
    throw new BackupFileError("The backup header is incomplete.");
  }
  return header as Header;
}

/** The SQL of the backup's migrations, from this checkout; refused when this Baton lacks one or has it changed. */
function migrationScripts(migrations: Migration[]): string[] {
  return migrations.map(({ name, checksum }) => {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(file)) {
      throw new RefusedError(`The backup was made by a newer Baton: migration ${name} is not in this checkout. Restore it with that version or a later one.`);
    }
    const sql = readFileSync(file, "utf8");
    if (createHash("sha256").update(sql).digest("hex") !== checksum) {
      throw new RefusedError(`Migration ${name} in this checkout differs from the one the backed-up database applied; restore with the Baton version that made the backup.`);
    }
    return sql;
  });
}

/** Tables of the target that hold rows (the migration history does not count as data). */
async function tablesWithRows(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const candidates = tables.filter((t) => t !== MIGRATIONS_TABLE);
  if (candidates.length === 0) return [];
  const { rows } = await client.query<{ name: string }>(
    candidates.map((t) => `SELECT ${client.escapeLiteral(t)} AS name WHERE EXISTS (SELECT 1 FROM ${quote(t)})`).join(" UNION ALL "),
  );
  return rows.map((r) => r.name);
}

/** Drops the tables, sequences and enum types of the public schema; the schema itself (and its grants) stays. */
async function dropSchemaObjects(client: pg.ClientBase, tables: string[]): Promise<void> {
  if (tables.length) await client.query(`DROP TABLE ${tables.map(quote).join(", ")} CASCADE`);
  const { rows: sequences } = await client.query<{ name: string }>("SELECT sequencename::text AS name FROM pg_sequences WHERE schemaname = 'public'");
  if (sequences.length) await client.query(`DROP SEQUENCE ${sequences.map((s) => quote(s.name)).join(", ")} CASCADE`);
  const { rows: types } = await client.query<{ name: string }>("SELECT typname::text AS name FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'");
  if (types.length) await client.query(`DROP TYPE ${types.map((t) => quote(t.name)).join(", ")} CASCADE`);
}

async function copyIn(client: pg.ClientBase, reader: BackupReader, table: TableInfo): Promise<TableDigest> {
  const hash = createHash("sha256");
  async function* hashed() {
    for await (const chunk of reader.tableData()) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const ingest = client.query(copyFrom(`COPY ${quote(table.name)} (${table.columns.map(quote).join(", ")}) FROM STDIN`));
  try {
    await pipeline(hashed(), ingest);
  } catch (error) {
    if (!isRowError(error)) throw error;
    throw new BackupFileError(`The rows of ${table.name} cannot be restored (${error.message}): the file is damaged.`);
  }
  return { name: table.name, rows: ingest.rowCount, sha256: hash.digest("hex") };
}

/**
 * Restores a backup into the database at `url`, which must hold no data (unless `force`, which
 * drops what is there). One transaction: the backup's migrations recreate the schema, every table
 * is copied in parents-first order, each table's rows and checksum are checked against the file,
 * and only then does it commit — a damaged file or a failure leaves the target as it was.
 * Migrations newer than the backup are applied after.
 */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const summary: TableDigest[] = [];
  const consume = async (source: AsyncIterable<Buffer>) => {
    const reader = new BackupReader(source[Symbol.asyncIterator]());
    const header = parseHeader(await reader.line());
    const scripts = migrationScripts(header.migrations);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await pinSessionSettings(client);
      const existing = (await listTables(client)).map((t) => t.name);
      if (existing.length) {
        // Nobody writes between the check and the drop.
        await client.query(`LOCK TABLE ${existing.map(quote).join(", ")} IN ACCESS EXCLUSIVE MODE`);
        const withRows = await tablesWithRows(client, existing);
        if (withRows.length && !options.force) {
          throw new RefusedError(
            `The target database already has data (in ${withRows.slice(0, 5).join(", ")}${withRows.length > 5 ? ", …" : ""}). ` +
              "Restore into an empty database, or pass --force to delete what is there first.",
          );
        }
      }
      await dropSchemaObjects(client, existing);
      await client.query(MIGRATIONS_TABLE_DDL);
      for (const sql of scripts) await client.query(sql);
      const created = new Set((await listTables(client)).map((t) => t.name));
      const foreign = header.tables.filter((t) => !created.has(t.name)).map((t) => t.name);
      if (foreign.length) throw new RefusedError(`The backup has tables that Baton's migrations do not create: ${foreign.join(", ")}.`);
      for (const table of header.tables) {
        const line = await reader.line();
        if (line !== `COPY ${table.name}`) throw new BackupFileError(`Expected the rows of ${table.name}, found "${line.slice(0, 60)}".`);
        summary.push(await copyIn(client, reader, table));
      }
      const end = await reader.line();
      if (!end.startsWith("END ")) throw new BackupFileError("The file has no end record: it was cut short.");
      const expected = parseRecord<{ tables: TableDigest[] }>(end.slice(4), "end record").tables ?? [];
      if (expected.length !== summary.length) throw new BackupFileError("The end record does not match the tables of the backup: the file is damaged.");
      for (const [index, got] of summary.entries()) {
        const want = expected[index];
        if (want?.name !== got.name || want.rows !== got.rows || want.sha256 !== got.sha256) {
          throw new BackupFileError(`The rows of ${got.name} do not match the backup's checksum: the file is damaged.`);
        }
      }
      if (!(await reader.atEnd())) throw new BackupFileError("The file goes on after its end record: it is damaged.");
      for (const sequence of header.sequences) {
        if (sequence.lastValue !== null) await client.query("SELECT setval($1::regclass, $2::bigint)", [quote(sequence.name), sequence.lastValue]);
      }
      await client.query("COMMIT");
    } catch (error) {
      // A COPY that failed midway has already been rolled back by the server; ending the transaction is all that is left.
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      await client.end();
    }
  };
  try {
    await pipeline(createReadStream(file), createGunzip(), consume);
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("Z_")) {
      throw new BackupFileError(`The file is damaged or not a Baton backup (${error.message}).`);
    }
    throw error;
  }
  return { tables: summary, migrated: await applyMigrations(url) };
}
