import "server-only";
import { db } from "./db";

/** True when the database answers within the timeout. */
export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const probe = db()
    .$queryRaw`SELECT 1`.then(() => true)
    .catch(() => false);
  return Promise.race([probe, timeout]);
}
