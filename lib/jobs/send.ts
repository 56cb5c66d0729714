import "server-only";
import type PgBoss from "pg-boss";
import { logBossError, newBoss, type QueueName } from "./queues";
import { env } from "@/lib/core/env";

// Sending a job from inside a write's transaction: pg-boss runs its INSERT through the
// transaction's own connection, so the job is committed, or rolled back, with the write.

const globalForJobs = globalThis as unknown as { batonSender?: Promise<PgBoss> };

/** A pg-boss instance that only sends (no workers, no maintenance): cheap to keep in every process. */
function sender(): Promise<PgBoss> {
  globalForJobs.batonSender ??= (async () => {
    const boss = newBoss(env().DATABASE_URL, "sender");
    boss.on("error", logBossError);
    await boss.start();
    return boss;
  })();
  return globalForJobs.batonSender;
}

/** What pg-boss needs of a transaction: to run its statement on it. */
interface SqlRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export async function sendInTransaction(tx: SqlRunner, queue: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  const boss = await sender();
  const db = {
    // pg-boss passes the job's data as an object; through Prisma it goes as JSON text ($3::jsonb).
    executeSql: async (text: string, values: unknown[]) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v))),
    }),
  };
  const id = await boss.send(queue, data, { ...options, db });
  if (!id) throw new Error(`The job queue ${queue} does not exist: run the migrations (npm run db:migrate).`);
}
