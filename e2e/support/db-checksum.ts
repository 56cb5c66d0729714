// A checksum of every row in the database, for tests that prove a refused request changed nothing.
// It reads the test database directly (DATABASE_URL, as `npm test` passes it to Playwright). Rows
// that a refused request may rightly touch are left out: rate-limit counters (a refused sign-in
// still counts) and an API token's last-used time (a token is checked before the refusal).
import pg from "pg";

const EXCLUDED_TABLES = new Set(["rate_limits", "_prisma_migrations"]);
const EXCLUDED_COLUMNS: Record<string, string[]> = { api_tokens: ["last_used_at", "updated_at"] };

let client: Promise<pg.Client> | undefined;
function connection(): Promise<pg.Client> {
  client ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run the end-to-end tests through `npm test`, which passes it.");
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  })();
  return client;
}

let statement: Promise<string> | undefined;
/** One SELECT that hashes each table's rows (in a stable order) and returns { table: md5 }. */
function checksumQuery(): Promise<string> {
  statement ??= (async () => {
    const db = await connection();
    const { rows } = await db.query<{ table_name: string; columns: string[] }>(`
      SELECT table_name::text, array_agg(column_name::text ORDER BY ordinal_position) AS columns
      FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`);
    const parts = rows
      .filter((row) => !EXCLUDED_TABLES.has(row.table_name))
      .map((row) => {
        const columns = row.columns.filter((column) => !(EXCLUDED_COLUMNS[row.table_name] ?? []).includes(column)).map((c) => `t."${c}"`);
        const tuple = `ROW(${columns.join(", ")})::text`;
        return `'${row.table_name}', (SELECT coalesce(md5(string_agg(md5(${tuple}), '' ORDER BY md5(${tuple}))), '') FROM "${row.table_name}" t)`;
      });
    return `SELECT json_build_object(${parts.join(", ")}) AS sums`;
  })();
  return statement;
}

export type Checksums = Record<string, string>;

export async function databaseChecksums(): Promise<Checksums> {
  const db = await connection();
  const { rows } = await db.query<{ sums: Checksums }>(await checksumQuery());
  return rows[0]!.sums;
}

/** The tables whose rows differ between two checksums (empty when nothing changed). */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
