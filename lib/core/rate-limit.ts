import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "./db";

// Rate limits live in PostgreSQL (table rate_limits), so every app instance counts against the same
// numbers: with two instances a token or a password guesser gets the limit once, not twice. The
// counting is rate-limiter-flexible's (one INSERT … ON CONFLICT per hit); it talks to the database
// through Prisma's pool rather than a second one.

type Row = { points: number; expire: number | null };

/** The `pg`-pool-shaped client the library expects, on top of Prisma's raw queries. */
const store = {
  async query({ text, values }: { text: string; values?: unknown[] }) {
    const rows = await db().$queryRawUnsafe<{ points: number | bigint; expire: number | bigint | null }[]>(text, ...(values ?? []));
    // bigint columns come back as BigInt; the library does arithmetic with numbers.
    const normalised: Row[] = rows.map((row) => ({ points: Number(row.points), expire: row.expire === null ? null : Number(row.expire) }));
    return { rows: normalised, rowCount: normalised.length };
  },
};

export interface Limit {
  /** Separates one kind of limit from another in the shared table. */
  name: string;
  points: number;
  durationSeconds: number;
}

export function postgresLimiter(limit: Limit): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: store,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true, // by the migration
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.durationSeconds,
  });
}

export { RateLimiterRes };
export type { RateLimiterPostgres };
