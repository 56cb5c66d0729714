// Prisma migrations without the native schema-engine binary, which Prisma 7 downloads at run
// time and which this project cannot rely on (offline machines, CI). Prisma's own WebAssembly
// schema engine does the work over the pg driver adapter and records applied migrations in the
// standard `_prisma_migrations` table, so `prisma migrate deploy` remains usable on a connected
// machine. See docs/decisions.md.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { installQueues } from "../../lib/jobs/queues";

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
export const snapshotPath = path.join(migrationsDir, "schema-snapshot.prisma");
const noFilters = { externalTables: [], externalEnums: [] };

let loaded: Promise<typeof bg.SchemaEngine> | undefined;
function loadEngine() {
  // The package's entry imports the .wasm file as an ES module, which Node cannot do;
  // instantiate it by hand with the same glue.
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg.SchemaEngine;
  })();
  return loaded;
}

async function withEngine<T>(url: string, run: (engine: bg.SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  const SchemaEngine = await loadEngine();
  const schema = readFileSync(schemaPath, "utf8");
  // The engine takes PostgreSQL's session lock for migrations and never releases it; the native
  // engine's process exit would. Closing the pool ends that session, so a restore or a second
  // migrate right after does not wait for the idle connection to time out.
  const pool = new pg.Pool({ connectionString: url });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool) as never);
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
    await pool.end();
  }
}

export function migrationList(): bg.MigrationList {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies every migration not yet applied (the equivalent of `prisma migrate deploy`). */
export async function applyMigrations(url: string): Promise<string[]> {
  const applied = await withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationList(), filters: noFilters });
    return out.appliedMigrationNames;
  });
  // The job queue's schema (pgboss) and queues, which writes send jobs into (lib/jobs/queues.ts).
  await installQueues(url);
  return applied;
}

/**
 * SQL that takes the schema the committed migrations produce to the current schema.prisma
 * (empty when in sync). The engine cannot introspect a live database through the adapter (it
 * fails on PostgreSQL's internal "char" type), so the schema the migrations were last generated
 * from is kept beside them as a snapshot, and the diff is schema to schema. `url` is any
 * reachable database; the engine needs a connection but changes nothing.
 */
export async function diffSnapshotToSchema(url: string): Promise<string> {
  return withEngine(url, async (engine, schema) => {
    const out = await engine.diff({
      from: existsSync(snapshotPath)
        ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readFileSync(snapshotPath, "utf8") }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return out.stdout ?? "";
  });
}
