// A fresh, migrated and seeded database for a test run.
import { seed } from "./app-env";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-pg";
import { applyMigrations } from "./migrate";

export { startEmbeddedPostgres, type EmbeddedDatabase };

export async function prepareDatabase(server: EmbeddedDatabase, name: string): Promise<string> {
  const url = await server.ensureDatabase(name, { fresh: true });
  await applyMigrations(url);
  await seed(url);
  return url;
}
