// npm test: every check, in order — typecheck, lint, unit and integration tests (Vitest) on a real
// PostgreSQL, then a production build and the Playwright end-to-end suite in Chromium, then the
// database-fault stress test (npm run test:stress) on that build.
// Without DATABASE_URL it runs the embedded PostgreSQL in .data/test-pg; with DATABASE_URL it
// creates its test databases on that server (the role needs CREATEDB).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { projectRoot } from "./lib/database";
import { nextBin } from "./lib/app-env";
import { prepareDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/test-db";

const started = Date.now();
const results: { step: string; ok: boolean; seconds: number; passed?: number; failed?: number; skipped?: number }[] = [];
const only = process.argv.slice(2);
const wanted = (step: string) => only.length === 0 || only.includes(step);

function run(step: string, command: string, args: string[], env: Record<string, string> = {}) {
  const t = Date.now();
  console.log(`\n▶ ${step}: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  results.push({ step, ok, seconds: (Date.now() - t) / 1000 });
  return ok;
}

const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);

/** A database on the given server, dropped and re-created, migrated and seeded. */
async function databaseOnServer(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { applyMigrations } = await import("./lib/migrate");
  const { seed } = await import("./lib/app-env");
  await applyMigrations(url.toString());
  await seed(url.toString());
  return url.toString();
}

let server: EmbeddedDatabase | undefined;
let exitCode = 0;
try {
  if (wanted("typecheck")) run("typecheck", bin("tsc"), ["--noEmit"]);
  if (wanted("lint")) run("lint", bin("eslint"), ["--max-warnings=0", "."]);

  let integrationUrl: string;
  let e2eUrl: string;
  if (process.env.DATABASE_URL) {
    integrationUrl = await databaseOnServer(process.env.DATABASE_URL, "baton_test_integration");
    e2eUrl = await databaseOnServer(process.env.DATABASE_URL, "baton_test_e2e");
  } else {
    const dataDir = path.join(projectRoot, ".data/test-run-pg");
    server = await startEmbeddedPostgres(dataDir, 54359);
    integrationUrl = await prepareDatabase(server, "baton_test_integration");
    e2eUrl = await prepareDatabase(server, "baton_test_e2e");
  }

  if (wanted("unit")) {
    const report = path.join(projectRoot, "test-results/vitest.json");
    const ok = run("unit+integration (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
      DATABASE_URL: integrationUrl,
    });
    const last = results[results.length - 1];
    if (last && existsSync(report)) {
      const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; success: boolean };
      // The report, not only the exit code, decides: a failed test always fails the run.
      Object.assign(last, { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests, ok: ok && json.success && json.numFailedTests === 0 });
    }
  }

  if (wanted("e2e")) {
    rmSync(path.join(projectRoot, "e2e/.auth"), { recursive: true, force: true });
    const built = run("build", process.execPath, [nextBin, "build"], { DATABASE_URL: e2eUrl, NODE_ENV: "production" });
    if (built) {
      const report = path.join(projectRoot, "test-results/playwright.json");
      run("e2e (playwright)", bin("playwright"), ["test"], { DATABASE_URL: e2eUrl, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
      const last = results[results.length - 1];
      if (last && existsSync(report)) {
        const json = JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
        if (json.stats.flaky) console.log(`\n⚠ ${json.stats.flaky} end-to-end test(s) passed only on a retry (flaky): see "flaky" in the list above.`);
        Object.assign(last, {
          passed: json.stats.expected + json.stats.flaky,
          failed: json.stats.unexpected,
          skipped: json.stats.skipped,
          ok: last.ok && json.stats.unexpected === 0,
        });
      }
    }
  }

  // Last, on the production build the e2e step made: Baton under database faults (its own
  // PostgreSQL and app server; scripts/stress.ts). Alone, so that its time bounds mean something.
  if (wanted("stress")) {
    run("stress (database faults)", bin("tsx"), ["--conditions=react-server", "scripts/stress.ts"]);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await server?.stop();
}

const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.failed ?? 0), 0);
const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
console.log("\nSummary");
for (const r of results) {
  const counts = r.passed === undefined ? "" : `  ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`;
  console.log(`  ${r.ok ? "✔" : "✘"} ${r.step.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)}s${counts}`);
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)}s`);
if (results.some((r) => !r.ok)) exitCode = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(exitCode);
