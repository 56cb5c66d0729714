import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// E2E runs against a production build (`next build` is run by `npm test` first) on a database
// that scripts/test.ts prepares and passes in DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const secondBaseURL = `http://localhost:${port + 1}`;
const systemChromium = "/usr/bin/chromium";
const serverLog = process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log";
mkdirSync(path.dirname(serverLog), { recursive: true });

function serverEnv(url: string): Record<string, string> {
  return {
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
    NEXTAUTH_URL: url,
    NODE_ENV: "production",
    // Functional tests on 2 shared cores: a request may take seconds of CPU here without anything
    // being wrong, so the production budget (2 s) would turn slowness into 503s. The budget itself
    // is tested by `npm run test:stress`, with the default.
    DATABASE_TIMEOUT_MS: "10000",
    // Verdicts go to GitHub once the undo window has passed: 2 s here instead of 65 s.
    BATON_REVIEW_POST_DELAY_SECONDS: "2",
  };
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // 60 s: the suite runs two app instances, PostgreSQL and two browsers on 2 shared cores; a long
  // browser flow can pass 30 s there without anything being wrong (expectations keep their 7 s).
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 2,
  // On CI one retry, so a rare timing hiccup on a loaded machine does not sink a run; the run's
  // summary still names every test that needed it ("flaky"), and those get fixed, not ignored.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable from these machines.
      ...(existsSync(systemChromium) && { executablePath: systemChromium }),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
    // Tests that prove a refused request changed no row of the database (e2e/support/db-checksum.ts)
    // run last and one at a time, so that nothing else writes while they compare.
    { name: "isolated", testMatch: /isolated\/.*\.spec\.ts/, dependencies: ["api", "ui"], workers: 1 },
    // Last of all: what the whole run left behind (the server's log).
    { name: "audit", testMatch: /audit\/.*\.spec\.ts/, dependencies: ["isolated"] },
  ],
  webServer: [
    {
      // The server's output goes to a file that e2e/audit/server-log.spec.ts reads at the end of the
      // run: no token, password or secret may ever appear in it.
      command: `node node_modules/next/dist/bin/next start -p ${port} > ${serverLog} 2>&1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: serverEnv(baseURL),
    },
    {
      // Instance B on the same database, with proxy.ts switched off: authorization must hold without
      // it (e2e/isolated/authorization.spec.ts), and live updates must cross instances.
      command: `node node_modules/next/dist/bin/next start -p ${port + 1} > ${serverLog.replace(/\.log$/, "-b.log")} 2>&1`,
      url: `${secondBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv(secondBaseURL), BATON_PROXY: "off" },
    },
  ],
});
