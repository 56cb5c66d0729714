// npm run baton -- <command>: the admin CLI for scripted set-ups. It works on the database
// `npm start` uses — DATABASE_URL, or the embedded PostgreSQL in .data/pg — whether or not the app
// is running (it connects to the running server, or starts it for the command and stops it after).
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { embeddedDataDir } from "./lib/database";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg";
import { applyMigrations } from "./lib/migrate";

const HELP = `Baton admin CLI

Usage: npm run baton -- <command> [options]

Commands:
  token create --workspace <slug> --agent <name> [--kind <kind>]
      Create an API token for an agent (the agent is created if it does not exist;
      kind: devin, copilot, claude_code, codex, cursor or custom). Prints the token once.
  token revoke <prefix>
      Revoke the token with this prefix (e.g. bat_Ab12Cd34). Refused on its next request.
  webhook-secret set --workspace <slug> --secret <value>
      Set the secret GitHub signs webhook deliveries with (at least 16 characters).

Options:
  -h, --help   Show this help.

Database: DATABASE_URL when set, otherwise the embedded PostgreSQL of \`npm start\` (.data/pg).
`;

function fail(message: string): never {
  console.error(`Error: ${message}\n\nRun \`npm run baton -- --help\` for usage.`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  strict: true,
  options: {
    workspace: { type: "string" },
    agent: { type: "string" },
    kind: { type: "string" },
    secret: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const [group, action, argument] = positionals;
if (values.help || !group) {
  console.log(HELP);
  process.exit(0);
}

/** A running embedded server answers on the port it wrote down; otherwise start one. */
async function database(): Promise<{ url: string; server?: EmbeddedDatabase }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const portFile = `${embeddedDataDir}.port`;
  if (existsSync(portFile)) {
    const url = `postgresql://postgres:baton-local@127.0.0.1:${readFileSync(portFile, "utf8").trim()}/baton`;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return { url };
    } catch {
      // not running: start it below
    }
  }
  if (!existsSync(embeddedDataDir)) fail("There is no database yet. Run `npm start` once first (or set DATABASE_URL).");
  const server = await startEmbeddedPostgres(embeddedDataDir);
  const url = await server.ensureDatabase("baton");
  await applyMigrations(url);
  return { url, server };
}

const { url, server } = await database();
process.env.DATABASE_URL = url;
let exitCode = 0;
try {
  // Imported after DATABASE_URL is set: the data layer reads it on first use.
  const { operatorCreateToken, operatorRevokeToken, operatorSetWebhookSecret } = await import("../lib/agent/mutations");
  const { AppError } = await import("../lib/core/errors");
  try {
    if (group === "token" && action === "create") {
      if (!values.workspace || !values.agent) fail("token create needs --workspace and --agent.");
      const created = await operatorCreateToken({ workspace: values.workspace, agent: values.agent, kind: values.kind });
      console.error(
        `${created.agent.created ? "Created agent" : "Agent"} "${created.agent.name}" (${created.agent.kind}) in ${created.workspace}. ` +
          `New token ${created.prefix}… — shown once, store it now:`,
      );
      console.log(created.token);
    } else if (group === "token" && action === "revoke") {
      if (!argument) fail("token revoke needs the token's prefix.");
      await operatorRevokeToken(argument);
      console.log(`Revoked ${argument}.`);
    } else if (group === "webhook-secret" && action === "set") {
      if (!values.workspace || !values.secret) fail("webhook-secret set needs --workspace and --secret.");
      await operatorSetWebhookSecret({ workspace: values.workspace, secret: values.secret });
      console.log(`Webhook secret set for ${values.workspace}.`);
    } else {
      fail(`Unknown command: ${positionals.join(" ")}`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = error.fields ? ` ${Object.values(error.fields).flat().join(" ")}` : "";
    console.error(`Error: ${error.message}${fields}`);
    exitCode = 1;
  }
} finally {
  const { db } = await import("../lib/core/db");
  await db().$disconnect();
  await server?.stop();
}
process.exit(exitCode);
