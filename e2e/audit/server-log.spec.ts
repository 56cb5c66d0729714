// Runs after every other end-to-end test: the server's whole log of the run (written by the
// webServer command in playwright.config.ts) must not hold a single API token, session token,
// password or secret — not in a log line, not in a logged URL, not in a logged error.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/users";

const LOGS = [process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log"].flatMap((log) => [log, log.replace(/\.log$/, "-b.log")]);

/** Every password and secret the tests typed or sent, read from their source (so new ones count too). */
function secretsUsedByTests(): string[] {
  const found = new Set<string>([DEMO_PASSWORD, process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production-0123456789"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith(".ts")) {
        const source = readFileSync(full, "utf8");
        // password: "…", secret: "…", getByLabel("Password").fill("…"), signInOverHttp(email, "…")
        for (const match of source.matchAll(/(?:password|secret)["']?\s*[:,=]\s*["'`]([^"'`$\n]{8,})["'`]/gi)) found.add(match[1]!);
        for (const match of source.matchAll(/getByLabel\("Password"\)\.fill\("([^"]{8,})"\)/g)) found.add(match[1]!);
        for (const match of source.matchAll(/signInOverHttp\([^,]+,\s*"([^"]{8,})"/g)) found.add(match[1]!);
      }
    }
  };
  walk("e2e");
  return [...found];
}

test("the server logs of the whole run (both instances) hold no token, password or secret", () => {
  const log = LOGS.map((file) => readFileSync(file, "utf8")).join("\n");
  // It is the real log: the server started and answered (so an empty or missing file cannot pass).
  expect(log).toMatch(/Ready in|started server/i);

  const secrets = secretsUsedByTests();
  expect(secrets.length).toBeGreaterThan(5);
  for (const secret of secrets) expect(log.includes(secret), `the log contains the secret "${secret}"`).toBe(false);

  const patterns: [string, RegExp][] = [
    ["an API token", /bat_[0-9A-Za-z]{32}/],
    ["a session token (JWT/JWE)", /eyJ[\w-]{10,}\.[\w-]{10,}/],
    ["a password in a query string", /[?&](password|secret|token)=[^&\s]+/i],
    ["a bearer header", /Bearer\s+[\w.-]{16,}/i],
  ];
  for (const [what, pattern] of patterns) expect(log.match(pattern)?.[0], `the log contains ${what}`).toBeUndefined();
});
