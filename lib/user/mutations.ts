import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/core/db";
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
