// Resolves the database a script works on: DATABASE_URL when set, otherwise the embedded
// PostgreSQL under .data/ that `npm start` uses (started for the script and stopped after it).
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-pg.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const embeddedDataDir = path.join(projectRoot, ".data/pg");

export async function withDatabase<T>(database: string, run: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return run(process.env.DATABASE_URL);
  const server = await startEmbeddedPostgres(embeddedDataDir);
  try {
    return await run(await server.ensureDatabase(database));
  } finally {
    await server.stop();
  }
}
