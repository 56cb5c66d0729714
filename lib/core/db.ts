import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

// One client per process. In development Next re-evaluates modules on every change, so the
// client is kept on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { batonDb?: PrismaClient; batonQueryCount?: number };

export function createPrismaClient(connectionString: string): PrismaClient {
  const { DATABASE_POOL_SIZE, DATABASE_TIMEOUT_MS } = env();
  const client = new PrismaClient({
    // No request may hang on the database: waiting for a connection (pool full, or the server
    // restarting) and every statement, lock wait included, are bounded, and an expiry answers 503
    // with Retry-After (lib/core/db-errors.ts) after DATABASE_TIMEOUT_MS.
    adapter: new PrismaPg({
      connectionString,
      max: DATABASE_POOL_SIZE,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      statement_timeout: DATABASE_TIMEOUT_MS,
      lock_timeout: DATABASE_TIMEOUT_MS,
      idle_in_transaction_session_timeout: 10_000,
    }),
    log: [{ emit: "event", level: "query" }],
    transactionOptions: { maxWait: DATABASE_TIMEOUT_MS, timeout: 10_000 },
  });
  // Counted for `npm run bench` (SQL statements per board load); cheap enough to keep on.
  client.$on("query", () => {
    globalForDb.batonQueryCount = (globalForDb.batonQueryCount ?? 0) + 1;
  });
  return client;
}

// A script that works on a database of its own (the demo seed, run by `npm test` for two
// databases in one process) runs the data layer on its client with `withDb`.
const scopedClient = new AsyncLocalStorage<PrismaClient>();

export function db(): PrismaClient {
  const scoped = scopedClient.getStore();
  if (scoped) return scoped;
  globalForDb.batonDb ??= createPrismaClient(env().DATABASE_URL);
  return globalForDb.batonDb;
}

export function withDb<T>(client: PrismaClient, run: () => Promise<T>): Promise<T> {
  return scopedClient.run(client, run);
}

/** Number of SQL statements this process has sent through Prisma so far. */
export function queryCount(): number {
  return globalForDb.batonQueryCount ?? 0;
}

export type Db = PrismaClient;
/** The client or a transaction: reads that run either inside a write or on their own take this. */
export type DbClient = PrismaClient | Tx;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/prisma/client";
