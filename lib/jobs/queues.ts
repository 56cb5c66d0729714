import PgBoss from "pg-boss";

// Durable background jobs in PostgreSQL (pg-boss 10, which supports Node 20), in its own schema
// `pgboss`. A job survives a restart of every app instance, and any instance may run it. Jobs
// are sent inside the transaction of the write they follow (sendInTransaction), so a job exists
// exactly when its write committed.

export const QUEUES = {
  /** Fetch a pull request's diff and changed files for an attempt (lib/github/jobs.ts). */
  fetchDiff: "github-fetch-diff",
  /** Post a verdict back to its pull request as one GitHub review (lib/github/jobs.ts). */
  postReview: "github-post-review",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * One line per pg-boss error (it reports the database going away on every poll): the message and
 * code, not the whole error object with its connection's internals.
 */
export function logBossError(error: unknown): void {
  const e = (error ?? {}) as { message?: unknown; code?: unknown };
  console.error(`pg-boss: ${String(e.message ?? error)}${e.code ? ` (${String(e.code)})` : ""}`);
}

/** Unexpected failures (a crash, the database away) are retried by pg-boss itself, with backoff. */
const QUEUE_OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/**
 * A pg-boss instance. Workers also supervise (pg-boss's maintenance: expiring and archiving jobs;
 * it coordinates between instances itself); a sender only sends. Neither migrates: the schema is
 * installed with the database's migrations.
 */
export function newBoss(connectionString: string, role: "worker" | "sender"): PgBoss {
  return new PgBoss({
    connectionString,
    max: role === "worker" ? 2 : 1,
    supervise: role === "worker",
    schedule: false,
    migrate: false,
    application_name: `baton-jobs-${role}`,
  });
}

/**
 * Installs pg-boss's schema and Baton's queues: part of preparing a database (scripts/lib/migrate.ts),
 * so that the first write that sends a job finds its queue.
 */
export async function installQueues(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, max: 1, supervise: false, schedule: false, application_name: "baton-migrate" });
  boss.on("error", logBossError);
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...QUEUE_OPTIONS });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
