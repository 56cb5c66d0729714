// Vitest global setup: integration tests need a real PostgreSQL. `npm test` passes one in
// DATABASE_URL; run on its own, Vitest starts the embedded server with a fresh database.
import path from "node:path";
import { prepareDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/test-db";

let server: EmbeddedDatabase | undefined;

export async function setup() {
  if (process.env.DATABASE_URL) return;
  server = await startEmbeddedPostgres(path.resolve(import.meta.dirname, "../../.data/test-pg"), 54339);
  process.env.DATABASE_URL = await prepareDatabase(server, "baton_vitest");
}

export async function teardown() {
  await server?.stop();
}
