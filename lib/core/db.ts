import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { assertInTime } from "./deadline";
import { env } from "./env";

// One client per process. In development Next re-evaluates modules on every change, so the
// client is kept on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { batonDb?: PrismaClient; batonQueryCount?: number };

/**
 * How DATABASE_TIMEOUT_MS, a request's budget, is shared out. A request waits for a pooled
 * connection twice at most before its real work (the gate's read, then its own reads or its
 * transaction), and its work fails at the first statement or lock that passes its bound (a
 * transaction is then rolled back, so a 503 means nothing was written). A fifth of the budget for
 * each wait and three fifths for a statement or lock wait keep the sum within the budget: under a
 * full pool or a locked table every answer comes within DATABASE_TIMEOUT_MS, plus the request's own
 * work. A short wait for a connection is deliberate: when the pool is full, shedding load quickly
 * with 503 + Retry-After beats holding requests that the clients will have given up on.
 */
export function databaseTimeouts(budgetMs: number) {
  return { poolWaitMs: Math.round(budgetMs / 5), statementMs: Math.round((budgetMs * 3) / 5) };
}

export function createPrismaClient(connectionString: string): PrismaClient {
  const { DATABASE_POOL_SIZE, DATABASE_TIMEOUT_MS } = env();
  const { poolWaitMs, statementMs } = databaseTimeouts(DATABASE_TIMEOUT_MS);
  const client = new PrismaClient({
    // No request may hang on the database: an expiry answers 503 with Retry-After
    // (lib/core/db-errors.ts), as does a database that is restarting or unreachable.
    adapter: new PrismaPg({
      connectionString,
      max: DATABASE_POOL_SIZE,
      connectionTimeoutMillis: poolWaitMs,
      statement_timeout: statementMs,
      lock_timeout: statementMs,
      idle_in_transaction_session_timeout: 10_000,
    }),
    log: [{ emit: "event", level: "query" }],
    transactionOptions: { maxWait: poolWaitMs, timeout: 10_000 },
  });
  // Just before COMMIT: a request past its deadline has already answered 503 (lib/core/deadline.ts),
  // so its transaction is rolled back rather than written behind the client's back.
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  Object.defineProperty(client, "$transaction", {
    value: (arg: unknown, options?: unknown) =>
      typeof arg === "function"
        ? transaction(async (tx: unknown) => {
            const result: unknown = await (arg as (tx: unknown) => Promise<unknown>)(tx);
            assertInTime();
            return result;
          }, options)
        : transaction(arg, options),
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
