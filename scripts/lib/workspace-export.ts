// `npm run baton -- export` and `import`: one workspace as a JSON document, to move a team to
// another Baton. PostgreSQL writes each row (row_to_json) and reads it back (jsonb_populate_recordset),
// so text, timestamps, numbers and JSON values never become JavaScript values on the way and
// arrive byte for byte. Secrets stay behind: password hashes, OAuth accounts and sessions, API
// tokens (agents get new ones), the webhook secret, invitation links and webhook deliveries.
import { readFileSync } from "node:fs";
import pg from "pg";
import { appliedMigrations, isRowError, listTables, pinSessionSettings, quote, RefusedError, writeFromSnapshot, type TableInfo } from "./backup";

const FORMAT = "baton-workspace";
const FORMAT_VERSION = 1;

export interface ExportTable {
  name: string;
  /** Columns left out of the file, each with the SQL value an import puts in its place. */
  omit?: Record<string, string>;
}

/** What an export carries, parents first so that an import satisfies every foreign key. */
export const EXPORTED_TABLES: ExportTable[] = [
  { name: "users", omit: { password_hash: "NULL" } },
  { name: "workspaces", omit: { webhook_secret: "NULL" } },
  { name: "memberships" },
  // A link's hash is a credential like an API token's: an imported invitation gets a value no
  // token hashes to, so its link does not work on the new instance.
  { name: "invitations", omit: { token_hash: "'imported:' || id" } },
  { name: "boards" },
  { name: "agents" },
  { name: "spec_templates" },
  { name: "tasks" },
  { name: "task_events" },
  { name: "task_status_spans" },
  { name: "spec_revisions" },
  { name: "review_sessions" },
  { name: "submissions" },
  { name: "reviews" },
  { name: "review_comments" },
  { name: "review_file_views" },
  // A session's hook token is a credential: an imported session has none (its person makes a new one).
  { name: "leverage_sessions", omit: { ai_token_hash: "NULL" } },
  { name: "session_spans" },
  { name: "session_approaches" },
  { name: "session_interrupts" },
  { name: "session_notes" },
  { name: "session_ai_events" },
];

interface ExportDocument {
  format: typeof FORMAT;
  version: number;
  workspace: string;
  migrations: string[];
  tables: Record<string, unknown[]>;
}

export interface TableCount {
  name: string;
  rows: number;
}

export interface ExportSummary {
  file: string;
  bytes: number;
  tables: TableCount[];
}

export interface ImportSummary {
  workspace: string;
  tables: TableCount[];
  usersCreated: number;
  usersReused: number;
}

/** Thrown for a file that is not a workspace export. */
export class ExportFileError extends Error {}

export function defaultExportName(slug: string, now = new Date()): string {
  return `baton-workspace-${slug}-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.json`;
}

/** The columns of each exported table as this database has them, less the ones left out. */
async function exportedColumns(client: pg.ClientBase): Promise<Map<string, string[]>> {
  const tables = new Map((await listTables(client)).map((t): [string, TableInfo] => [t.name, t]));
  return new Map(
    EXPORTED_TABLES.map((spec): [string, string[]] => {
      const table = tables.get(spec.name);
      if (!table) throw new Error(`This database has no ${spec.name} table: it is not a Baton database at this version.`);
      return [spec.name, table.columns.filter((c) => !(c in (spec.omit ?? {})))];
    }),
  );
}

/** Which of the workspace's rows a table contributes ($1 is the workspace id). */
async function rowFilters(client: pg.ClientBase): Promise<Map<string, string>> {
  // Users: everyone a row of the workspace names (members, and former members still named as
  // authors or reviewers), found through the foreign keys that point at users.
  const names = EXPORTED_TABLES.map((t) => t.name).filter((n) => n !== "users" && n !== "workspaces");
  const { rows: references } = await client.query<{ table: string; column: string }>(
    `SELECT t.relname::text AS table, a.attname::text AS column
     FROM pg_constraint f JOIN pg_class t ON t.oid = f.conrelid JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
     WHERE f.contype = 'f' AND f.confrelid = 'public.users'::regclass AND t.relname = ANY($1::text[])
     ORDER BY 1, 2`,
    [names],
  );
  const referenced = references.map((r) => `SELECT ${quote(r.column)} FROM ${quote(r.table)} WHERE workspace_id = $1`).join(" UNION ");
  return new Map([
    ["users", `id IN (${referenced})`],
    ["workspaces", "id = $1"],
    ...names.map((n): [string, string] => [n, "workspace_id = $1"]),
  ]);
}

/**
 * Writes the workspace `slug` to `file`: one JSON document, one row per line, rows ordered by id.
 * Read in one REPEATABLE READ transaction, so the file is one consistent moment.
 */
export async function exportWorkspace(url: string, slug: string, file: string): Promise<ExportSummary> {
  return writeFromSnapshot(url, file, {}, async (client) => {
    const { rows: found } = await client.query<{ id: string }>("SELECT id FROM workspaces WHERE slug = $1", [slug]);
    const workspaceId = found[0]?.id;
    if (!workspaceId) throw new RefusedError(`There is no workspace "${slug}".`);
    const columns = await exportedColumns(client);
    const filters = await rowFilters(client);
    const migrations = (await appliedMigrations(client)).map((m) => m.name);
    const counts: TableCount[] = [];
    async function* contents() {
      // No export time in the document: exporting the same workspace twice gives the same file.
      yield `{"format":"${FORMAT}","version":${FORMAT_VERSION},"workspace":${JSON.stringify(slug)},"migrations":${JSON.stringify(migrations)},"tables":{`;
      for (const [index, { name }] of EXPORTED_TABLES.entries()) {
        yield `${index ? "," : ""}\n${JSON.stringify(name)}:[`;
        const select = (columns.get(name) ?? []).map(quote).join(", ");
        // Ids compare as bytes, so the file is the same whatever the server's collation.
        const { rows } = await client.query<{ row: string }>(
          `SELECT row_to_json(r)::text AS row FROM (SELECT ${select} FROM ${quote(name)} WHERE ${filters.get(name)}) r ORDER BY r.id COLLATE "C"`,
          [workspaceId],
        );
        for (const [i, { row }] of rows.entries()) yield `${i ? "," : ""}\n${row}`;
        yield rows.length ? "\n]" : "]";
        counts.push({ name, rows: rows.length });
      }
      yield "\n}}\n";
    }
    return { contents: contents(), gzip: false, summary: () => ({ tables: counts }) };
  });
}

function parseDocument(text: string): ExportDocument {
  let doc: Partial<ExportDocument>;
  try {
    doc = JSON.parse(text) as Partial<ExportDocument>;
  } catch {
    throw new ExportFileError("This is not a Baton workspace export (it is not JSON).");
  }
  if (doc.format !== FORMAT) throw new ExportFileError("This is not a Baton workspace export.");
  if (doc.version !== FORMAT_VERSION) throw new ExportFileError(`This export has format version ${doc.version}; this Baton reads version ${FORMAT_VERSION}.`);
  const tables = doc.tables;
  if (typeof doc.workspace !== "string" || !Array.isArray(doc.migrations) || !tables || EXPORTED_TABLES.some((t) => !Array.isArray(tables[t.name]))) {
    throw new ExportFileError("The export is incomplete.");
  }
  return doc as ExportDocument;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces user ids in the document's text wherever one stands as a whole JSON string — a column,
 * or a value inside an event's or a review's JSON (undo restores a task's owner from it) — and
 * never inside other text: in valid JSON a quote after `[`, `{`, `:` or `,` opens a string, while
 * a quote inside a string is escaped. (A text that is nothing but a user's id would change too;
 * ids are random 25-character cuids, so that does not happen by accident.)
 */
function remapUserIds(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [from, to] of ids) {
    if (from === to) continue;
    out = out.replace(new RegExp(`([[{:,]\\s*)${escapeRegExp(JSON.stringify(from))}`, "g"), (_match, lead: string) => `${lead}${JSON.stringify(to)}`);
  }
  return out;
}

/**
 * Loads an export into the database at `url`, which must not have its workspace, in one
 * transaction keeping every id, timestamp, version, position key and text. A user whose email
 * exists here already is that user (the rows that name them are rewritten to their id); the
 * others are created without a password.
 */
export async function importWorkspace(url: string, file: string): Promise<ImportSummary> {
  const text = readFileSync(file, "utf8");
  const doc = parseDocument(text);
  const workspace = doc.tables.workspaces?.[0] as { id?: unknown; slug?: unknown } | undefined;
  if (doc.tables.workspaces?.length !== 1 || typeof workspace?.id !== "string" || workspace.slug !== doc.workspace) {
    throw new ExportFileError("The export must hold exactly the one workspace it names.");
  }
  const workspaceId = workspace.id;
  const users = doc.tables.users as { id: string; email: string }[];

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await pinSessionSettings(client);
    const here = (await appliedMigrations(client)).map((m) => m.name);
    if (here.join() !== doc.migrations.join()) {
      throw new RefusedError(
        `The export was made at migration ${doc.migrations.at(-1) ?? "(none)"}, this database is at ${here.at(-1) ?? "(none)"}. ` +
          "Export and import with the same Baton version (run `npm run db:migrate` on the older one after upgrading it).",
      );
    }
    const { rows: taken } = await client.query<{ slug: string }>("SELECT slug FROM workspaces WHERE slug = $1 OR id = $2", [doc.workspace, workspaceId]);
    if (taken[0]) {
      throw new RefusedError(
        taken[0].slug === doc.workspace
          ? `This database already has a workspace "${doc.workspace}". Nothing was imported.`
          : `This database already has this workspace, as "${taken[0].slug}". Nothing was imported.`,
      );
    }

    const { rows: existing } = await client.query<{ id: string; email: string }>("SELECT id, email FROM users WHERE email = ANY($1::text[]) OR id = ANY($2::text[])", [
      users.map((u) => u.email),
      users.map((u) => u.id),
    ]);
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    const ids = new Map<string, string>();
    for (const user of existing) {
      const exported = byEmail.get(user.email);
      if (!exported) throw new RefusedError(`User ${user.id} exists here with another email; the export cannot keep its id. Nothing was imported.`);
      ids.set(exported, user.id);
    }

    await client.query("CREATE TEMP TABLE baton_import (doc jsonb) ON COMMIT DROP");
    await client.query("INSERT INTO baton_import VALUES ($1::jsonb)", [remapUserIds(text, ids)]);
    const columns = await exportedColumns(client);
    const counts: TableCount[] = [];
    for (const spec of EXPORTED_TABLES) {
      const names = columns.get(spec.name) ?? [];
      const scoped = names.includes("workspace_id");
      const { rows: checked } = await client.query<{ malformed: number; elsewhere: number }>(
        `SELECT count(*) FILTER (WHERE CASE WHEN jsonb_typeof(e) = 'object' THEN ARRAY(SELECT k FROM jsonb_object_keys(e) k ORDER BY k COLLATE "C") END
                                        IS DISTINCT FROM $2::text[])::int AS malformed,
                count(*) FILTER (WHERE $3 AND e->>'workspace_id' IS DISTINCT FROM $4)::int AS elsewhere
         FROM baton_import, jsonb_array_elements(doc->'tables'->$1) e`,
        [spec.name, [...names].sort(), scoped, workspaceId],
      );
      if (checked[0]?.malformed) throw new ExportFileError(`${checked[0].malformed} rows of ${spec.name} do not have this Baton's columns. Nothing was imported.`);
      if (checked[0]?.elsewhere) throw new ExportFileError(`${checked[0].elsewhere} rows of ${spec.name} belong to another workspace. Nothing was imported.`);
      const omitted = Object.entries(spec.omit ?? {});
      const target = [...names, ...omitted.map(([c]) => c)].map(quote).join(", ");
      const values = [...names.map(quote), ...omitted.map(([, value]) => value)].join(", ");
      const { rowCount } = await client.query(
        `INSERT INTO ${quote(spec.name)} (${target})
         SELECT ${values} FROM jsonb_populate_recordset(NULL::${quote(spec.name)}, (SELECT doc->'tables'->$1 FROM baton_import)) AS r
         ${spec.name === "users" ? "WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.email = r.email)" : ""}`,
        [spec.name],
      );
      counts.push({ name: spec.name, rows: rowCount ?? 0 });
    }
    await client.query("COMMIT");
    return { workspace: doc.workspace, tables: counts, usersCreated: counts.find((c) => c.name === "users")?.rows ?? 0, usersReused: ids.size };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (isRowError(error)) throw new ExportFileError(`The export cannot be imported (${error.message}). Nothing was imported.`);
    throw error;
  } finally {
    await client.end();
  }
}
