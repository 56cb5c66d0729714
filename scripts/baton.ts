// npm run baton -- <command>: the admin CLI for scripted set-ups. It works on the database
// `npm start` uses — DATABASE_URL, or the embedded PostgreSQL in .data/pg — whether or not the app
// is running (it connects to the running server, or starts it for the command and stops it after).
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { BackupFileError, backupDatabase, defaultBackupName, RefusedError, restoreDatabase } from "./lib/backup";
import { embeddedDataDir } from "./lib/database";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg";
import { applyMigrations } from "./lib/migrate";
import { localAuthSecret } from "./lib/auth-secret";
import { defaultExportName, ExportFileError, exportWorkspace, importWorkspace, type TableCount } from "./lib/workspace-export";

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
  github connect --workspace <slug> --token <token> [--api-url <url>]
      Connect the workspace to GitHub (default https://api.github.com; for GitHub Enterprise
      Server, https://<host>/api/v3). GitHub is asked whose the token is first; the token is
      stored encrypted and never shown again.
  board link --workspace <slug> --board <KEY> --repo <owner/name>
      Link a board to the repository its agents open pull requests in (--repo none unlinks).
      With a connection, GitHub must know the repository.
  backup [--out <file>]
      Write a backup of the whole database to <file> (default: baton-backup-<UTC time>.baton.gz
      here). It is one consistent moment, taken while the app keeps running.
  restore <file> [--force]
      Restore a backup, in one transaction, into a database without data. A database with
      data is refused (exit code 2) unless --force, which drops its tables first.
  export --workspace <slug> [--out <file>]
      Write one workspace — boards, tasks, specs, agents, attempts, reviews, members — as JSON
      (default: baton-workspace-<slug>-<UTC time>.json here). Not in the file: passwords, API
      tokens (agents get new ones after an import), the webhook secret, the GitHub connection
      (connect again after an import), invitation links.
  import <file>
      Load a workspace export, in one transaction, into a database that does not have that
      workspace (refused otherwise, exit code 2). Members whose email is not known here are
      created without a password.

Options:
  --out <file>  Where backup and export write.
  --force       For restore: replace a database that has data.
  -h, --help    Show this help.

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
    token: { type: "string" },
    "api-url": { type: "string" },
    board: { type: "string" },
    repo: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});

const [group, action, argument] = positionals;
if (values.help || !group) {
  console.log(HELP);
  process.exit(0);
}

const transfer = ["backup", "restore", "export", "import"].includes(group);
if (transfer) {
  // Checked before a database is started for nothing.
  const reads = group === "restore" || group === "import";
  if (positionals.length > (reads ? 2 : 1)) fail(`Unknown command: ${positionals.join(" ")}`);
  if (reads && !action) fail(`${group} needs the file to read.`);
  if (action && !existsSync(action)) fail(`There is no file ${action}.`);
  if (group === "export" && !values.workspace) fail("export needs --workspace.");
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
  // A restore may be the first thing a new machine does: the embedded server is created for it.
  if (!existsSync(embeddedDataDir) && group !== "restore") fail("There is no database yet. Run `npm start` once first (or set DATABASE_URL).");
  const server = await startEmbeddedPostgres(embeddedDataDir);
  const url = await server.ensureDatabase("baton");
  await applyMigrations(url);
  return { url, server };
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} kB`;
const rowTotal = (tables: TableCount[]) => tables.reduce((n, t) => n + t.rows, 0).toLocaleString("en");
const tableLines = (tables: TableCount[]) => tables.map((t) => `  ${t.name.padEnd(22)} ${t.rows.toLocaleString("en").padStart(9)}`).join("\n");

/** backup, restore, export and import: plain SQL over `pg`, no data layer. */
async function transferCommand(url: string): Promise<number> {
  try {
    if (group === "backup") {
      const backup = await backupDatabase(url, values.out ?? defaultBackupName());
      console.log(`${tableLines(backup.tables)}\nWrote ${backup.file}: ${backup.tables.length} tables, ${rowTotal(backup.tables)} rows, ${kilobytes(backup.bytes)}.`);
    } else if (group === "restore" && action) {
      const restored = await restoreDatabase(url, action, { force: values.force });
      console.log(`${tableLines(restored.tables)}\nRestored ${restored.tables.length} tables, ${rowTotal(restored.tables)} rows from ${action}.`);
      if (restored.migrated.length) console.log(`Then applied the migrations newer than the backup: ${restored.migrated.join(", ")}.`);
    } else if (group === "export" && values.workspace) {
      const exported = await exportWorkspace(url, values.workspace, values.out ?? defaultExportName(values.workspace));
      console.log(`${tableLines(exported.tables)}\nWrote ${exported.file}: workspace ${values.workspace}, ${rowTotal(exported.tables)} rows, ${kilobytes(exported.bytes)}.`);
      console.log("Not in the file: passwords, API tokens, the webhook secret, invitation links.");
    } else if (group === "import" && action) {
      const imported = await importWorkspace(url, action);
      console.log(`${tableLines(imported.tables)}\nImported workspace ${imported.workspace}: ${rowTotal(imported.tables)} rows.`);
      console.log(
        `Users: ${imported.usersCreated} created without a password (they sign in with GitHub under the same email), ` +
          `${imported.usersReused} already here and kept. Agents need new tokens: npm run baton -- token create --workspace ${imported.workspace} --agent <name>.`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof RefusedError) {
      console.error(`Refused: ${error.message}`);
      return 2;
    }
    if (!(error instanceof BackupFileError || error instanceof ExportFileError)) throw error;
    console.error(`Error: ${error.message}`);
    return 1;
  }
}

const { url, server } = await database();
// The embedded database's app keys its secrets at rest with the local NEXTAUTH_SECRET; use the same.
if (server || !process.env.DATABASE_URL) process.env.NEXTAUTH_SECRET ??= localAuthSecret();
process.env.DATABASE_URL = url;
let exitCode = 0;
try {
  exitCode = transfer ? await transferCommand(url) : await operatorCommand();
} finally {
  await server?.stop();
}
process.exit(exitCode);

/** The commands that go through the data layer's operator functions. */
async function operatorCommand(): Promise<number> {
  // Imported after DATABASE_URL is set: the data layer reads it on first use.
  const { operatorCreateToken, operatorRevokeToken, operatorSetWebhookSecret } = await import("../lib/agent/mutations");
  const { operatorConnectGitHub, operatorLinkBoard } = await import("../lib/github/mutations");
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
    } else if (group === "github" && action === "connect") {
      if (!values.workspace || !values.token) fail("github connect needs --workspace and --token.");
      const connection = await operatorConnectGitHub({ workspace: values.workspace, token: values.token, apiUrl: values["api-url"] });
      console.log(`Connected ${values.workspace} to ${connection.apiUrl} as ${connection.login}.`);
    } else if (group === "board" && action === "link") {
      if (!values.workspace || !values.board || !values.repo) fail("board link needs --workspace, --board and --repo.");
      const repository = values.repo === "none" ? null : values.repo;
      const link = await operatorLinkBoard({ workspace: values.workspace, board: values.board, repository });
      console.log(
        link.repository
          ? `Linked ${link.board} to ${link.repository}${link.defaultBranch ? ` (default branch ${link.defaultBranch})` : " (not checked: the workspace is not connected to GitHub)"}.`
          : `Unlinked ${link.board}.`,
      );
    } else {
      fail(`Unknown command: ${positionals.join(" ")}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = error.fields ? ` ${Object.values(error.fields).flat().join(" ")}` : "";
    console.error(`Error: ${error.message}${fields}`);
    return 1;
  } finally {
    const { db } = await import("../lib/core/db");
    await db().$disconnect();
  }
}
