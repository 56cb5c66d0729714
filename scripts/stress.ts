// npm run test:stress (also the last step of `npm test`): Baton under database faults, against the
// production build and a real PostgreSQL of its own.
//   1. PostgreSQL is stopped and started again while the app serves 50 requests/s (board reads,
//      task creations, health checks): no request may take longer than 3 s, every answer is a
//      success or a clean 503 with Retry-After, the app process survives, full service is back
//      within 10 s of the database, and every creation answered 201 is in the database.
//   2. The connection pool is exhausted by queries stuck behind a lock: the same rules, and the
//      503s must say Retry-After.
// Prints the figures and "N passed, N failed"; exits non-zero on any failure.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { hasBuild, nextBin } from "./lib/app-env";
import { HttpClient, startAppServer, type AppServer } from "./lib/bench-http";
import { projectRoot } from "./lib/database";
import { freePort, handleSignalsYourself, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg";
import { prepareDatabase } from "./lib/test-db";
import { spawnSync } from "node:child_process";

const RATE_PER_SECOND = 50;
const LIMIT_MS = 3_000;
const RECOVERY_LIMIT_MS = 10_000;
const DATA_DIR = path.join(projectRoot, ".data/stress-pg");
const AUTH_SECRET = "baton-stress-secret-not-for-production-0123456789";

interface Outcome {
  kind: "read" | "create" | "health";
  startedAt: number;
  ms: number;
  status: number; // 0: no answer (network error or our 5 s abort)
  retryAfter: string | null;
  code: string | null;
  key?: string;
  title?: string;
}

const log = (message: string) => console.log(`[stress] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail: string) {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? "✔" : "✘"} ${name}: ${detail}`);
}

/** Fires requests at a steady rate (not waiting for answers, as real clients would not) until stopped. */
function load(base: string, cookie: string, origin: number) {
  const outcomes: Outcome[] = [];
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  let running = true;
  const fire = () => {
    const kind: Outcome["kind"] = n % 10 < 4 ? "read" : n % 10 < 7 ? "create" : "health";
    const title = `Stress ${origin}-${n}`;
    n++;
    const startedAt = Date.now();
    const request =
      kind === "read"
        ? fetch(`${base}/api/w/acme/boards/WEB`, { headers: { cookie }, signal: AbortSignal.timeout(5_000) })
        : kind === "create"
          ? fetch(`${base}/api/w/acme/tasks`, {
              method: "POST",
              headers: { cookie, "content-type": "application/json", origin: base },
              body: JSON.stringify({ boardKey: "API", title }),
              signal: AbortSignal.timeout(5_000),
            })
          : fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
    const done = request
      .then(async (response) => {
        const text = await response.text();
        let code: string | null = null;
        let key: string | undefined;
        try {
          const body = JSON.parse(text) as { error?: { code?: string }; task?: { key?: string } };
          code = body.error?.code ?? null;
          key = body.task?.key;
        } catch {
          // not JSON: recorded as such by a null code
        }
        outcomes.push({ kind, startedAt, ms: Date.now() - startedAt, status: response.status, retryAfter: response.headers.get("retry-after"), code, key, title });
      })
      .catch(() => {
        outcomes.push({ kind, startedAt, ms: Date.now() - startedAt, status: 0, retryAfter: null, code: null, title });
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };
  const timer = setInterval(() => running && fire(), 1000 / RATE_PER_SECOND);
  return {
    outcomes,
    async stop() {
      running = false;
      clearInterval(timer);
      // A request still unanswered 6 s after the last was sent has hung: it is counted as such.
      await Promise.race([Promise.all([...inFlight]), sleep(6_000)]);
      for (let i = 0; i < inFlight.size; i++) outcomes.push({ kind: "read", startedAt: 0, ms: Number.POSITIVE_INFINITY, status: 0, retryAfter: null, code: "hung" });
      return outcomes;
    },
  };
}

/** Every answer within 3 s, and every answer a success or a clean 503 with Retry-After. */
function judge(scenario: string, outcomes: Outcome[]) {
  const slow = outcomes.filter((o) => o.ms > LIMIT_MS);
  const clean503 = (o: Outcome) => o.status === 503 && o.retryAfter !== null && (o.code === "unavailable" || o.kind === "health");
  const bad = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && !clean503(o));
  const unavailable = outcomes.filter((o) => o.status === 503).length;
  const maxMs = Math.max(0, ...outcomes.map((o) => o.ms));
  const slowKinds = [...new Set(slow.map((o) => `${o.kind}:${o.status}`))].join(", ");
  check(`${scenario}: no request hangs`, slow.length === 0, `${outcomes.length} requests, slowest ${maxMs} ms${slow.length ? `, ${slow.length} over 3 s (${slowKinds})` : ""}`);
  check(
    `${scenario}: each answer is a success or a clean 503 with Retry-After`,
    bad.length === 0,
    `${unavailable} answered 503${bad.length ? `; ${bad.length} bad, e.g. ${JSON.stringify(bad.slice(0, 3).map((o) => ({ kind: o.kind, status: o.status, code: o.code })))}` : ""}`,
  );
  return { unavailable, maxMs };
}

async function acknowledgedCreationsAreStored(scenario: string, url: string, outcomes: Outcome[]) {
  const created = outcomes.filter((o) => o.kind === "create" && o.status === 201 && o.key);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ title: string }>(`SELECT title FROM tasks WHERE title = ANY($1::text[])`, [created.map((o) => o.title)]);
    const stored = new Set(rows.map((r) => r.title));
    const lost = created.filter((o) => !stored.has(o.title as string));
    check(`${scenario}: nothing acknowledged is lost`, lost.length === 0, `${created.length} creations answered 201, ${created.length - lost.length} in the database`);
  } finally {
    await client.end();
  }
}

/** A creation answered 503 was rolled back: the client, told to try again, makes no duplicate. */
async function refusedCreationsAreNotStored(scenario: string, url: string, outcomes: Outcome[]) {
  const refused = outcomes.filter((o) => o.kind === "create" && o.status === 503);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ title: string }>(`SELECT title FROM tasks WHERE title = ANY($1::text[])`, [refused.map((o) => o.title)]);
    check(`${scenario}: a 503 hides no write`, rows.length === 0, `${refused.length} creations answered 503, ${rows.length} of them in the database`);
  } finally {
    await client.end();
  }
}

let database: EmbeddedDatabase | undefined;
let app: AppServer | undefined;
handleSignalsYourself();
let exitCode = 0;
try {
  if (!hasBuild()) {
    log("No production build: building once…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: projectRoot, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.port`, { force: true });
  database = await startEmbeddedPostgres(DATA_DIR, 54369);
  const url = await prepareDatabase(database, "baton_stress");
  // The default database budget (DATABASE_TIMEOUT_MS, 2 s) is what keeps every answer within 3 s, with room for the request's own work.
  app = await startAppServer(await freePort(3250), { DATABASE_URL: url, NEXTAUTH_SECRET: AUTH_SECRET, BATON_API_RATE_LIMIT: "100000" });
  const client = new HttpClient(app.baseUrl);
  await client.signIn(DEMO_USERS.owner.email, DEMO_PASSWORD);
  const cookie = client.cookieHeader();

  // 1. PostgreSQL restarted under load.
  log(`Scenario 1: ${RATE_PER_SECOND} requests/s; PostgreSQL stopped at 3 s and started again at 8 s.`);
  const first = load(app.baseUrl, cookie, 1);
  await sleep(3_000);
  await database.stop();
  const downAt = Date.now();
  log("PostgreSQL stopped.");
  await sleep(5_000);
  database = await startEmbeddedPostgres(DATA_DIR, 54369);
  const upAt = Date.now();
  log(`PostgreSQL started again (down ${upAt - downAt} ms).`);
  await sleep(12_000);
  const outcomes1 = await first.stop();
  const figures1 = judge("database restart", outcomes1);
  check("database restart: the app process survives", (await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })).status === 200, "it still answers /api/health with 200");
  // Recovery: from when on did every request succeed?
  const afterUp = outcomes1.filter((o) => o.startedAt >= upAt).sort((a, b) => a.startedAt - b.startedAt);
  const lastFailure = afterUp.filter((o) => o.status < 200 || o.status >= 300).at(-1);
  const recoveredMs = lastFailure ? lastFailure.startedAt + lastFailure.ms - upAt : 0;
  const succeededAfter = afterUp.filter((o) => o.status >= 200 && o.status < 300 && (!lastFailure || o.startedAt > lastFailure.startedAt)).length;
  check("database restart: full service within 10 s of the database", recoveredMs <= RECOVERY_LIMIT_MS && succeededAfter > 100, `last failure ${recoveredMs} ms after PostgreSQL was back, then ${succeededAfter} successes in a row`);
  await acknowledgedCreationsAreStored("database restart", url, outcomes1);
  const during = outcomes1.filter((o) => o.startedAt >= downAt && o.startedAt < upAt);
  check("database restart: the fault was real", during.some((o) => o.status === 503), `${during.filter((o) => o.status === 503).length} of ${during.length} requests while it was down answered 503`);

  // 2. The pool exhausted by statements stuck behind a lock held elsewhere.
  log("Scenario 2: every task query blocked for 6 s by a lock held outside the app.");
  const blocker = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await blocker.connect();
  const second = load(app.baseUrl, cookie, 2);
  await sleep(1_000);
  await blocker.query("BEGIN");
  await blocker.query("LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE");
  const lockedAt = Date.now();
  log("Locked.");
  await sleep(6_000);
  await blocker.query("COMMIT");
  const releasedAt = Date.now();
  log("Released.");
  await blocker.end();
  await sleep(6_000);
  const outcomes2 = await second.stop();
  const figures2 = judge("pool exhausted", outcomes2);
  const blocked = outcomes2.filter((o) => o.startedAt >= lockedAt && o.startedAt < releasedAt && o.kind !== "health");
  check("pool exhausted: the fault was real", blocked.some((o) => o.status === 503), `${blocked.filter((o) => o.status === 503).length} of ${blocked.length} task requests while locked answered 503`);
  const after2 = outcomes2.filter((o) => o.startedAt >= releasedAt + 3_000);
  check("pool exhausted: service returns once the lock is gone", after2.length > 50 && after2.every((o) => o.status >= 200 && o.status < 300), `${after2.length} requests from 3 s after the release, all successes`);
  await acknowledgedCreationsAreStored("pool exhausted", url, outcomes2);
  await refusedCreationsAreNotStored("pool exhausted", url, outcomes2);

  const errors = app.errorLines().filter((line) => !/unavailable|ECONNREFUSED|terminat|57P01|57014|55P03|P1001|P1017|P2024|P2028|statement timeout|lock timeout|Connection/i.test(line));
  check("the server logged no unexpected errors", errors.length === 0, errors.slice(0, 3).join(" | ") || "none");
  console.log(
    `\nFigures: restart — ${outcomes1.length} requests, ${figures1.unavailable} × 503, slowest ${figures1.maxMs} ms, recovered ${recoveredMs} ms after PostgreSQL; ` +
      `pool — ${outcomes2.length} requests, ${figures2.unavailable} × 503, slowest ${figures2.maxMs} ms`,
  );
} catch (error) {
  console.error(error);
  if (app) console.error(`--- server output ---\n${app.tail()}`);
  exitCode = 1;
} finally {
  await app?.stop();
  await database?.stop().catch(() => {});
}
const failed = results.filter((r) => !r.ok).length;
if (failed || results.length === 0) exitCode = 1;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(exitCode);
