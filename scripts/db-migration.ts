// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the last migrated schema to prisma/schema.prisma. Review and edit the SQL
// (for example to add COLLATE or data backfills) before committing it.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withDatabase } from "./lib/database.ts";
import { diffSnapshotToSchema, migrationsDir, schemaPath, snapshotPath } from "./lib/migrate.ts";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(2);
}

await withDatabase("baton", async (url) => {
  const sql = await diffSnapshotToSchema(url);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("schema.prisma matches the migrations: nothing to do.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(schemaPath, snapshotPath);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
});
