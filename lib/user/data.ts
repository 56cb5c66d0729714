import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/core/db";
import { credentialsSchema } from "./schema";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

// Compared against when the email is unknown, so that a wrong email and a wrong password
// take the same time.
const DUMMY_HASH = "$2b$10$OFr8ahDUX/H8uajiWWBKOe3GFHJ5vzWvxUZOUrzZcV8/W6k1cQH.G";

/** Returns the user when the email and password match, otherwise null. */
export async function verifyCredentials(input: unknown): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** The user behind a browser session: only while that sign-in session exists (sign-out deletes it). */
export async function findSignedInUser(id: string, sessionId: string): Promise<SessionUser | null> {
  return db().user.findFirst({
    where: { id, sessions: { some: { id: sessionId, expires: { gt: new Date() } } } },
    select: { id: true, email: true, name: true },
  });
}
