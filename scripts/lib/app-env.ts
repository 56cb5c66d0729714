// Settings shared by `npm start`, `npm test` and `npm run bench` for running the app locally.
import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/core/generated/prisma/client";
import { seedDemo } from "../../prisma/seed";
import { projectRoot } from "./database";

export { localAuthSecret } from "./auth-secret";

export async function seed(url: string): Promise<boolean> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    return (await seedDemo(prisma)).seeded;
  } finally {
    await prisma.$disconnect();
  }
}

/** Encrypts webhook secrets stored by a version of Baton before secrets were encrypted at rest. */
export async function sealLegacySecrets(url: string): Promise<number> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const [{ withDb }, { sealStoredSecrets }] = await Promise.all([import("../../lib/core/db"), import("../../lib/agent/mutations")]);
    return await withDb(prisma, () => sealStoredSecrets());
  } finally {
    await prisma.$disconnect();
  }
}

export const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");

export function hasBuild(): boolean {
  return existsSync(path.join(projectRoot, ".next/BUILD_ID"));
}

/** Polls the health endpoint until the app answers (or the timeout passes). */
export async function waitForHealthy(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The app did not become healthy at ${baseUrl} within ${timeoutMs / 1000}s.`);
}
