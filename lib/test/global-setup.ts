// Vitest global setup: integration tests need a real PostgreSQL. `npm test` passes one in
// DATABASE_URL; run on its own, Vitest starts a throwaway embedded server (one per run, so that
// several runs can happen at once) with a fresh, migrated and seeded database.
import { rmSync } from "node:fs";
import path from "node:path";
import { prepareDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/test-db";

let server: EmbeddedDatabase | undefined;
const dataDir = path.resolve(import.meta.dirname, `../../.data/vitest-pg/${process.pid}`);

export async function setup() {
  // Secrets at rest are keyed from it (lib/core/secrets.ts), as in the app.
  process.env.NEXTAUTH_SECRET ??= "vitest-secret-not-for-production-0123456789";
  // Many racing transactions on 2 shared cores: the production budget (2 s, half of it to wait
  // for a connection) would make them fail as "unavailable". The budget is tested by test:stress.
  process.env.DATABASE_TIMEOUT_MS ??= "10000";
  if (process.env.DATABASE_URL) return;
  server = await startEmbeddedPostgres(dataDir, 54339);
  process.env.DATABASE_URL = await prepareDatabase(server, "baton_vitest");
}

export async function teardown() {
  if (!server) return;
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.port`, { force: true });
}
