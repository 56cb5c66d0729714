import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/core/db";
import { publish } from "@/lib/core/realtime";
import { AppError, conflictOnUnique, parseInput } from "@/lib/core/errors";
import { signUpSchema } from "./schema";
import type { SessionUser } from "./data";

export async function signUp(input: unknown): Promise<SessionUser> {
  const data = parseInput(signUpSchema, input);
  const passwordHash = await bcrypt.hash(data.password, 10);
  // A unique violation is the only reliable check under concurrency; report it as a field error.
  return conflictOnUnique(
    db().user.create({ data: { name: data.name, email: data.email, passwordHash }, select: { id: true, email: true, name: true } }),
    () => new AppError("conflict", "An account with this email already exists.", { email: ["An account with this email already exists. Sign in instead."] }),
  );
}

/** Finds or creates the user behind an OAuth sign-in and links the provider account. */
export async function linkOAuthAccount(input: {
  provider: string;
  providerAccountId: string;
  email: string;
  name: string | null;
  image: string | null;
}): Promise<string> {
  return db().$transaction(async (tx) => {
    const existing = await tx.account.findUnique({
      where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    });
    if (existing) return existing.userId;
    const user = await tx.user.upsert({
      where: { email: input.email.toLowerCase() },
      update: {},
      create: { email: input.email.toLowerCase(), name: input.name, image: input.image, emailVerified: new Date() },
    });
    await tx.account.create({
      data: { userId: user.id, type: "oauth", provider: input.provider, providerAccountId: input.providerAccountId },
    });
    return user.id;
  });
}

/** How long a sign-in lasts before the person signs in again (the JWT's lifetime too). */
export const SESSION_DAYS = 30;

/**
 * Starts a server-side sign-in session. The JWT in the browser carries its id, and every request
 * checks that the row still exists: so signing out (which deletes it) ends the session on the
 * server too, not just in the browser that clicked.
 */
export async function startLoginSession(userId: string): Promise<string> {
  const session = await db().session.create({
    data: { userId, sessionToken: randomBytes(32).toString("base64url"), expires: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000) },
    select: { id: true },
  });
  return session.id;
}

/** Ends a sign-in session, and tells every instance to close that session's live streams. */
export async function endLoginSession(sessionId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const ended = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true } });
    if (!ended) return;
    await tx.session.delete({ where: { id: sessionId } });
    await publish(tx, { kind: "access", userId: ended.userId, sessionId, workspaceId: null });
  });
}
