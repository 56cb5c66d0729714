// npm start: the whole of Baton on one machine. Without DATABASE_URL it runs the embedded
// PostgreSQL under .data/ (created on first run, reused afterwards), applies migrations, seeds
// the demo workspace once, builds the app if there is no build, and serves it.
import { spawn, spawnSync } from "node:child_process";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { embeddedDataDir, projectRoot } from "./lib/database";
import { handleSignalsYourself, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg";
import { hasBuild, localAuthSecret, nextBin, sealLegacySecrets, seed, waitForHealthy } from "./lib/app-env";
import { applyMigrations } from "./lib/migrate";

const started = Date.now();
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const baseUrl = `http://localhost:${port}`;
const log = (message: string) => console.log(`[baton] ${message}`);

let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  log("Starting the embedded PostgreSQL (.data/pg)…");
  embedded = await startEmbeddedPostgres(embeddedDataDir);
  url = await embedded.ensureDatabase("baton");
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const app = processes.app;
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
  }
  if (embedded) {
    log("Stopping PostgreSQL…");
    await embedded.stop();
  }
  process.exit(code);
}
const processes: { app?: ReturnType<typeof spawn> } = {};
// Ours alone: stop the app first, then PostgreSQL, then exit.
handleSignalsYourself();
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

// The secret signs sessions and, unless BATON_ENCRYPTION_KEY is set, keys the secrets at rest.
process.env.NEXTAUTH_SECRET ??= localAuthSecret();

try {
  const applied = await applyMigrations(url);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  const sealed = await sealLegacySecrets(url);
  if (sealed) log(`Encrypted ${sealed} webhook secret(s) stored before encryption at rest.`);
  // Demo data goes into the embedded database by default, never into yours unless asked.
  if (embedded || process.env.BATON_SEED_DEMO === "true") {
    if (await seed(url)) log("Seeded the demo workspace.");
  }
} catch (error) {
  console.error(error);
  await shutdown(1);
}

const env = {
  ...process.env,
  DATABASE_URL: url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? baseUrl,
  PORT: String(port),
};

if (!dev && !hasBuild()) {
  log("No build found: building the app (once)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: projectRoot, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
  if (build.status !== 0) await shutdown(build.status ?? 1);
}

const app = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], {
  cwd: projectRoot,
  env: { ...env, NODE_ENV: dev ? "development" : "production" },
  stdio: ["ignore", "inherit", "inherit"],
});
processes.app = app;
app.once("exit", (code) => void shutdown(code ?? 0));

await waitForHealthy(baseUrl, dev ? 120_000 : 60_000);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
  Baton is running at ${baseUrl}  (ready in ${seconds}s)
  Database: ${embedded ? "embedded PostgreSQL in .data/pg" : "DATABASE_URL"}
${
  embedded || process.env.BATON_SEED_DEMO === "true"
    ? `
  Demo sign-in (password for all: ${DEMO_PASSWORD})
    ${DEMO_USERS.owner.email.padEnd(22)} owner of Acme
    ${DEMO_USERS.member.email.padEnd(22)} member of Acme
    ${DEMO_USERS.viewer.email.padEnd(22)} viewer of Acme
    ${DEMO_USERS.outsider.email.padEnd(22)} owner of Globex
`
    : ""
}
  Press Ctrl-C to stop.
`);
