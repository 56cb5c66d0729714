// postinstall: generates the Prisma client into lib/core/generated/prisma.
// `prisma generate` never runs the schema engine, but Prisma 7 tries to download it unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; offline machines cannot download it.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], { stdio: "inherit", env });
