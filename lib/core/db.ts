import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { assertInTime } from "./deadline";
import { env } from "./env";

// One client per process. In development Next re-evaluates modules on every change, so the
// client is kept on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { batonDb?: PrismaClient; batonQueryCount?: number };

/**
 * How DATABASE_TIMEOUT_MS, a request's budget, bounds the database's own waits. The answer is
 * bounded by the request's deadline (lib/core/deadline.ts); these bounds are what free the
 * connections of work that ran out of time. Half the budget to get a connection (which includes
 * opening a new one: TLS and authentication on a busy machine can take hundreds of milliseconds,
 * and a tighter bound made a cold server answer 503), the whole budget for a statement or a lock.
 */
export function databaseTimeouts(budgetMs: number) {
  return { poolWaitMs: Math.round(budgetMs / 2), statementMs: budgetMs };
}

/** Distinct statements prepared by name, at most (each connection prepares those it runs). */
const MAX_PREPARED = 500;

/**
 * Names statements by their text, so that node-postgres prepares each once per connection and
 * PostgreSQL reuses its plan: the card move's write, one statement of several CTEs, took longer to
 * plan than to run (decision 46). Texts past MAX_PREPARED run unnamed, so that statements built
 * with a varying shape cannot grow every connection's cache without bound.
 */
// The adapter's type says string; node-postgres runs a statement with no name unnamed, as before.
export function statementNames(): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `baton_${createHash("sha1").update(sql).digest("base64url")}`;
      names.set(sql, name);
    }
    return name;
  };
}

export function createPrismaClient(connectionString: string): PrismaClient {
  const { DATABASE_POOL_SIZE, DATABASE_TIMEOUT_MS, DATABASE_PREPARED_STATEMENTS } = env();
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
    }, DATABASE_PREPARED_STATEMENTS === "on" ? { statementNameGenerator: statementNames() as (query: { sql: string }) => string } : {}),
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
