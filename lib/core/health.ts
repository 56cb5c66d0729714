import "server-only";
import { db, type Db } from "./db";

/** True when the database answers within the timeout. */
export async function checkDatabase(timeoutMs = 2000, client: Db = db()): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const probe = client
    .$queryRaw`SELECT 1`.then(() => true)
    .catch(() => false);
  return Promise.race([probe, timeout]);
}
