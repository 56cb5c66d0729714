// npm run bench: measures Baton on a board of 1,000 tasks. A measurement, not a test: it prints
// figures and asserts nothing about them. It fails (exit 1) only when it cannot measure.
//
// It runs its own embedded PostgreSQL (.data/bench-pg) with a fresh `baton_bench` database
// (migrated, demo-seeded, plus the boards BENCH with 1,000 tasks, B100 with 100 and B5K with
// 5,000), builds the app if there is no build, serves it with `next start` on port 3200 (or a free
// one), signs in as the demo owner and measures. The review figures add a board REV of delegate
// tasks whose agent hands back attempts over the API, and open them in Chromium (Debian's
// /usr/bin/chromium, as the e2e tests do). The board UI figures (scripts/lib/bench-board-ui.ts)
// load BENCH and B5K in Chromium at 4× CPU throttling (LCP, CLS, TBT, cards in the DOM), weigh the
// board page's HTML, time drags, card opens and typing (INP) and another client's move until the
// open board paints it. At the end the server's peak resident memory is read. Output: a table,
// then as the LAST line one line of JSON with the same figures (docs/bench.md lists the keys).
// The JSON keys are stable; add new figures, do not rename old ones.
//
// To add a figure: write a `Measurement` (below) that calls `ctx.report.add(...)` and append it to
// `MEASUREMENTS`. The context starts what a measurement needs (the app server, a pg pool, the lib
// modules in-process) on first use, and everything is stopped at the end, also on errors.
//
// `npm run bench -- live move` (or `-- "board ui"`) runs only the measurements whose names
// contain one of the words (case-insensitive), for a quicker loop while optimising one path.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
// Types only: the modules themselves are imported after DATABASE_URL is set (see BenchContext.lib).
import type { assignAgent as AssignAgent, createSubmission as CreateSubmission, operatorCreateToken as OperatorCreateToken, operatorSetWebhookSecret as OperatorSetWebhookSecret } from "../lib/agent/mutations";
import type { scopeForBearer as ScopeForBearer } from "../lib/agent/gate";
import type { operatorConnectGitHub as OperatorConnectGitHub, operatorLinkBoard as OperatorLinkBoard } from "../lib/github/mutations";
import { startGitHubStandIn } from "../lib/test/github-stand-in";
import type { scopeForUser as ScopeForUser } from "../lib/auth/scope";
import type { getBoardView as GetBoardView } from "../lib/board/data";
import type { createBoard as CreateBoard } from "../lib/board/mutations";
import type { queryCount as QueryCount } from "../lib/core/db";
import type { giveVerdict as GiveVerdict } from "../lib/review/mutations";
import type { createTask as CreateTask, moveTask as MoveTask } from "../lib/task/mutations";
import type { dashboardFigures as DashboardFigures } from "../lib/dashboard/data/figures";
import { keysBetween } from "../lib/board/ordering";
import { decodeBoard, type BoardWire } from "../lib/board/wire";
import { splitDiff } from "../lib/review/diff-files";
import { CHECKLIST_IDS } from "../lib/review/rules";
import { hasBuild, nextBin, seed } from "./lib/app-env";
import { demoDiffs, failureGroups, pullRequestDeliveries, submissionBody, type Delivery } from "./lib/bench-agents";
import { boardUiMeasurements } from "./lib/bench-board-ui";
import type { BenchServices, Measurement as BenchMeasurement } from "./lib/bench-context";
import { DASHBOARD_WORKSPACE, seedDashboardWorkspace } from "./lib/bench-dashboard";
import { CELLS, pickOne, seededRandom, seedBenchBoards, shuffled, type BenchSeed } from "./lib/bench-data";
import { HttpClient, runConcurrent, startAppServer, timedSeries, type AppServer, type TimedResponse } from "./lib/bench-http";
import { pick, Report, round, summarize } from "./lib/bench-report";
import { generatedDiff, launchChromium, signedInContext, timeUntilDiffInteractive } from "./lib/bench-review";
import { projectRoot } from "./lib/database";
import { freePort, handleSignalsYourself, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg";
import { applyMigrations } from "./lib/migrate";

const WORKSPACE = "acme";
const DATABASE = "baton_bench";
const PG_DATA_DIR = path.join(projectRoot, ".data/bench-pg");
const PG_PORT = 54349;
const APP_PORT = 3200;
const AUTH_SECRET = "baton-bench-secret-not-for-production-0123456789";
const BOARDS = [
  { name: "Bench", key: "BENCH", tasks: 1000 },
  { name: "Bench100", key: "B100", tasks: 100 },
  // Last, so that the boards above keep their seeds (seedBenchBoards seeds by index).
  { name: "Bench5k", key: "B5K", tasks: 5000 },
] as const;
const BIG_BOARD = "BENCH";
/** The 5,000-card board of the board UI figures. */
const HUGE_BOARD = "B5K";
const PAGE_SAMPLES = 30;
const PAGE_WARMUPS = 3;
const MOVE_CONCURRENCY = 50;
const MOVES_PER_WORKER = 10;
const MOVE_WARMUPS = 5;
const SQL_POOL_SIZE = 20;
/** Agents, each with its own token and its own delegate task on AGENT_BOARD. */
const AGENT_COUNT = 20;
const AGENT_BOARD = "B100";
const SUBMISSIONS_PER_AGENT = 10;
const SUBMISSION_WARMUPS = 3;
/** Submission diffs: the demo diffs of this size. */
const DIFF_BYTES = { min: 5_000, max: 10 * 1024 } as const;
/** The board page waits this long after an event before it re-reads (use-board.ts batches events). */
const LIVE_BATCH_MS = 100;
const LIVE_WARMUPS = 3;
const WEBHOOK_DELIVERIES = 100;
const WEBHOOK_CONCURRENCY = 10;
const WEBHOOK_WARMUPS = 3;
/** Pull requests delivered one after another for the delivery → reviewable diff figure. */
const PR_DIFF_DELIVERIES = 30;
/** Review: the board the review measurements' tasks go on, and their agent. */
const REVIEW_BOARD = { name: "Review bench", key: "REV" } as const;
const REVIEW_AGENT = "bench-review-agent";
/** Attempts opened alternately, each a diff of about REVIEW_DIFF_LINES lines in REVIEW_DIFF_FILES files. */
const REVIEW_ATTEMPTS = 3;
const REVIEW_DIFF_FILES = 20;
const REVIEW_DIFF_LINES = 2000;
const REVIEW_SAMPLES = 30;
const REVIEW_WARMUPS = 3;
const BROWSER_SAMPLES = 10;
const BROWSER_WARMUPS = 2;
/** On a loaded machine a page can take many seconds: sampling stops after this, with a note. */
const BROWSER_BUDGET_MS = 150_000;
/** The board UI figures' budget: the B5K cold loads' (tens of seconds each at 4× CPU); the others take shares of it. */
const BOARD_UI_BUDGET_MS = 240_000;
const VERDICT_SAMPLES = 30;
const VERDICT_WARMUPS = 2;
/** Everything, a first build included, must finish within this. */
const OVERALL_TIMEOUT_MS = 25 * 60_000;

const log = (message: string) => console.log(`[bench] ${message}`);

// ---------------------------------------------------------------------------------------------
// Context: what measurements use, started lazily and stopped in `close()`.
// ---------------------------------------------------------------------------------------------

type Lib = {
  getBoardView: typeof GetBoardView;
  scopeForUser: typeof ScopeForUser;
  queryCount: typeof QueryCount;
  createTask: typeof CreateTask;
  moveTask: typeof MoveTask;
  createBoard: typeof CreateBoard;
  giveVerdict: typeof GiveVerdict;
  assignAgent: typeof AssignAgent;
  createSubmission: typeof CreateSubmission;
  scopeForBearer: typeof ScopeForBearer;
  operatorCreateToken: typeof OperatorCreateToken;
  operatorSetWebhookSecret: typeof OperatorSetWebhookSecret;
  operatorConnectGitHub: typeof OperatorConnectGitHub;
  operatorLinkBoard: typeof OperatorLinkBoard;
  dashboardFigures: typeof DashboardFigures;
  disconnect: () => Promise<void>;
};

interface BenchAgent {
  name: string;
  token: string;
  /** Its delegate task, assigned to it. */
  taskKey: string;
  taskId: string;
}

/** An attempt waiting for review: the latest (and only) one of its task. */
interface ReviewAttempt {
  submissionId: string;
  taskKey: string;
  /** The paths of its diff's files, in order. */
  paths: string[];
  changedLines: number;
}

class BenchContext implements BenchServices {
  readonly report = new Report();
  private appPromise?: Promise<{ server: AppServer; client: HttpClient }>;
  private server?: AppServer;
  private poolInstance?: pg.Pool;
  private libPromise?: Promise<Lib>;
  private agentsPromise?: Promise<BenchAgent[]>;
  private reviewAgentPromise?: Promise<{ agentId: string; token: string }>;
  private largeAttemptsPromise?: Promise<ReviewAttempt[]>;
  private browserPromise?: Promise<Browser>;

  constructor(
    readonly url: string,
    readonly seeded: BenchSeed,
  ) {}

  boardSize(key: string): number {
    const board = this.seeded.boards.find((b) => b.key === key);
    if (!board) throw new Error(`No bench board ${key}.`);
    return board.taskCount;
  }

  /** The lib modules, in this process, against the bench database. */
  lib(): Promise<Lib> {
    this.libPromise ??= (async () => {
      // lib/core/env reads DATABASE_URL on first use, so set it before anything imports lib.
      process.env.DATABASE_URL = this.url;
      // The same key as the measured server: webhook secrets set here are read (decrypted) there.
      process.env.NEXTAUTH_SECRET ??= AUTH_SECRET;
      const { db, queryCount } = await import("../lib/core/db");
      const { getBoardView } = await import("../lib/board/data");
      const { scopeForUser } = await import("../lib/auth/scope");
      const { createTask, moveTask } = await import("../lib/task/mutations");
      const { createBoard } = await import("../lib/board/mutations");
      const { giveVerdict } = await import("../lib/review/mutations");
      const { assignAgent, createSubmission, operatorCreateToken, operatorSetWebhookSecret } = await import("../lib/agent/mutations");
      const { scopeForBearer } = await import("../lib/agent/gate");
      const { operatorConnectGitHub, operatorLinkBoard } = await import("../lib/github/mutations");
      const { dashboardFigures } = await import("../lib/dashboard/data/figures");
      return {
        getBoardView,
        scopeForUser,
        queryCount,
        createTask,
        moveTask,
        createBoard,
        giveVerdict,
        assignAgent,
        createSubmission,
        scopeForBearer,
        operatorCreateToken,
        operatorSetWebhookSecret,
        operatorConnectGitHub,
        operatorLinkBoard,
        dashboardFigures,
        disconnect: () => db().$disconnect(),
      };
    })();
    return this.libPromise;
  }

  /**
   * AGENT_COUNT agents, created in-process as the admin CLI does (one token each), each assigned
   * its own new Ready task in the Delegate lane of AGENT_BOARD, created by the demo owner.
   */
  agents(): Promise<BenchAgent[]> {
    this.agentsPromise ??= (async () => {
      const lib = await this.lib();
      const scope = await lib.scopeForUser(WORKSPACE, this.seeded.ownerUserId, "task.write");
      const agents: BenchAgent[] = [];
      for (let i = 1; i <= AGENT_COUNT; i++) {
        const name = `bench-agent-${String(i).padStart(2, "0")}`;
        const { token } = await lib.operatorCreateToken({ workspace: WORKSPACE, agent: name, kind: "custom" });
        const { rows } = await this.pool().query<{ id: string }>("SELECT id FROM agents WHERE workspace_id = $1 AND name = $2", [this.seeded.workspaceId, name]);
        const agentId = rows[0]?.id;
        if (!agentId) throw new Error(`operatorCreateToken did not create the agent ${name}.`);
        const task = await lib.createTask(scope, {
          boardKey: AGENT_BOARD,
          title: `Bench: hand back attempts as ${name}`,
          lane: "delegate",
          status: "ready",
          overDelegationReason: "bench",
          gateOverrideReason: "bench",
        });
        await lib.assignAgent(scope, task.key, { agentId });
        agents.push({ name, token, taskKey: task.key, taskId: task.id });
      }
      return agents;
    })();
    return this.agentsPromise;
  }

  /** REVIEW_AGENT with its token, and the empty board REVIEW_BOARD for its tasks. */
  private reviewAgent(): Promise<{ agentId: string; token: string }> {
    this.reviewAgentPromise ??= (async () => {
      const lib = await this.lib();
      const scope = await lib.scopeForUser(WORKSPACE, this.seeded.ownerUserId, "board.write");
      await lib.createBoard(scope, REVIEW_BOARD);
      const { token } = await lib.operatorCreateToken({ workspace: WORKSPACE, agent: REVIEW_AGENT, kind: "custom" });
      const { rows } = await this.pool().query<{ id: string }>("SELECT id FROM agents WHERE workspace_id = $1 AND name = $2", [this.seeded.workspaceId, REVIEW_AGENT]);
      const agentId = rows[0]?.id;
      if (!agentId) throw new Error(`operatorCreateToken did not create the agent ${REVIEW_AGENT}.`);
      return { agentId, token };
    })();
    return this.reviewAgentPromise;
  }

  /**
   * One new attempt per diff, as they arise in real use: the demo owner creates a Delegate task in
   * Ready on REVIEW_BOARD and assigns REVIEW_AGENT (in-process), which claims it and POSTs its
   * attempt over the agent API. Sequential; not timed.
   */
  async submitAttempts(label: string, diffs: readonly string[]): Promise<ReviewAttempt[]> {
    const lib = await this.lib();
    const { agentId, token } = await this.reviewAgent();
    const { server } = await this.app();
    const scope = await lib.scopeForUser(WORKSPACE, this.seeded.ownerUserId, "task.write");
    const agent = new HttpClient(server.baseUrl); // no session: the agent has only its token
    const attempts: ReviewAttempt[] = [];
    for (const [i, diff] of diffs.entries()) {
      const task = await lib.createTask(scope, {
        boardKey: REVIEW_BOARD.key,
        title: `Bench: ${label} ${i + 1}`,
        lane: "delegate",
        status: "ready",
        overDelegationReason: "bench",
        gateOverrideReason: "bench",
      });
      await lib.assignAgent(scope, task.key, { agentId });
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const claim = await agent.request(`/api/v1/tasks/${task.key}/claim`, { method: "POST", headers });
      if (!claim.ok) throw new Error(`Claiming ${task.key} answered ${claim.status}: ${claim.body.slice(0, 300)}`);
      const posted = await agent.request(`/api/v1/tasks/${task.key}/submissions`, {
        method: "POST",
        headers: { ...headers, "idempotency-key": randomUUID() },
        body: JSON.stringify({ summary: `${label} ${i + 1}: the change as asked; tests pass locally.`, diff, checks: { status: "passed" } }),
      });
      if (posted.status !== 201) throw new Error(`Submitting to ${task.key} answered ${posted.status}: ${posted.body.slice(0, 300)}`);
      const { submission } = JSON.parse(posted.body) as { submission: { id: string } };
      const files = splitDiff(diff);
      attempts.push({ submissionId: submission.id, taskKey: task.key, paths: files.map((f) => f.path), changedLines: files.reduce((n, f) => n + f.added + f.removed, 0) });
    }
    return attempts;
  }

  /** REVIEW_ATTEMPTS attempts with large diffs (other files each), shared by the review measurements. */
  largeAttempts(): Promise<ReviewAttempt[]> {
    this.largeAttemptsPromise ??= (async () => {
      // Attempt a has the files src/mod/file<a*20+1 … a*20+20>.ts, so each page shows its own.
      const diffs = Array.from({ length: REVIEW_ATTEMPTS }, (_, a) => {
        const files = Array.from({ length: REVIEW_DIFF_FILES }, (_, f) => a * REVIEW_DIFF_FILES + f + 1);
        return generatedDiff(0x5e1 + a, files, REVIEW_DIFF_LINES).text;
      });
      return this.submitAttempts("large change", diffs);
    })();
    return this.largeAttemptsPromise;
  }

  /** Headless Chromium, launched as the e2e tests launch it. */
  browser(): Promise<Browser> {
    this.browserPromise ??= launchChromium();
    return this.browserPromise;
  }

  /** The production server, with a client signed in as the demo owner. */
  app(): Promise<{ server: AppServer; client: HttpClient }> {
    this.appPromise ??= (async () => {
      await ensureBuild(this.url);
      const port = await freePort(APP_PORT);
      log(`Starting the production server on port ${port}…`);
      this.server = await startAppServer(port, { DATABASE_URL: this.url, NEXTAUTH_SECRET: AUTH_SECRET });
      const client = new HttpClient(this.server.baseUrl);
      await client.signIn(DEMO_USERS.owner.email, DEMO_PASSWORD);
      log(`Signed in as ${DEMO_USERS.owner.email}.`);
      return { server: this.server, client };
    })();
    return this.appPromise;
  }

  pool(): pg.Pool {
    this.poolInstance ??= new pg.Pool({ connectionString: this.url, max: SQL_POOL_SIZE });
    return this.poolInstance;
  }

  /** Where the server's memory peaked: its peak so far after each measurement (MB), in run order. */
  readonly rssAfter: [string, number][] = [];

  noteRss(measurement: string): void {
    if (this.server) this.rssAfter.push([measurement, round(this.server.peakRssKb() / 1024)]);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) {
      const errors = server.errorLines();
      if (errors.length) {
        this.report.note(`The server logged ${errors.length} error line(s); first ones:\n      ${errors.slice(0, 10).join("\n      ")}`);
      }
      // Read while the server still runs; the table and the JSON line are printed after close().
      this.report.add({
        key: "rss_mb",
        label: "App server peak resident memory, whole run (MB)",
        value: round(server.peakRssKb() / 1024),
        note: "largest VmHWM of `next start` and its child processes, read every 2 s and at the end; MB = 1,024 kB",
      });
      const climbs = this.rssAfter.filter(([, mb], i) => i === 0 || mb > (this.rssAfter[i - 1]?.[1] ?? 0));
      this.report.note(`Server peak memory (MB) after the measurements that raised it: ${climbs.map(([name, mb]) => `${name} ${mb}`).join("; ")}.`);
    }
    await Promise.allSettled([
      this.browserPromise?.then((browser) => browser.close()),
      server?.stop(),
      this.poolInstance?.end(),
      this.libPromise?.then((lib) => lib.disconnect()),
    ]);
  }
}

async function ensureBuild(url: string): Promise<void> {
  if (hasBuild()) {
    const built = statSync(path.join(projectRoot, ".next/BUILD_ID")).mtimeMs;
    if (newestSource() > built) log("Warning: sources changed after the last build; the figures are for the old build (run `npm run build`).");
    return;
  }
  log("No build found: building the app (once)…");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: AUTH_SECRET, NODE_ENV: "production" },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit code ${code}).`);
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "lib", "components"]) walk(path.join(projectRoot, dir));
  for (const file of ["next.config.ts", "package.json"]) newest = Math.max(newest, statSync(path.join(projectRoot, file)).mtimeMs);
  return newest;
}

// ---------------------------------------------------------------------------------------------
// Measurements, in the order they run (and appear in the table).
// ---------------------------------------------------------------------------------------------

type Measurement = BenchMeasurement<BenchContext>;

/** SQL statements one getBoardView sends, per board size (the scope lookup is not counted). */
const sqlStatementsPerBoardLoad: Measurement = {
  name: "SQL statements per board load (in-process)",
  async run(ctx) {
    const lib = await ctx.lib();
    const scope = await lib.scopeForUser(WORKSPACE, ctx.seeded.ownerUserId);
    const counts: Record<string, number> = {};
    for (const key of ["B100", BIG_BOARD]) {
      await lib.getBoardView(scope, key); // warm-up
      const before = lib.queryCount();
      await lib.getBoardView(scope, key);
      counts[String(ctx.boardSize(key))] = lib.queryCount() - before;
    }
    if (Object.values(counts).every((n) => n === 0)) ctx.report.note("queryCount() stayed at 0: Prisma's query events are not firing, so the statement counts are wrong.");
    ctx.report.add({ key: "sqlStatementsPerBoardLoad", label: "SQL statements per board load (tasks → statements)", value: counts });
    ctx.report.add({ key: "board_sql_100", label: "SQL statements per load, 100-card board", value: counts["100"] ?? Number.NaN });
    ctx.report.add({ key: "board_sql_1000", label: "SQL statements per load, 1,000-card board", value: counts["1000"] ?? Number.NaN });

    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await lib.getBoardView(scope, BIG_BOARD);
      samples.push(performance.now() - started);
    }
    ctx.report.add({
      key: "boardViewInProcessMs",
      label: `getBoardView in-process, ${ctx.boardSize(BIG_BOARD)} tasks (ms)`,
      value: pick(summarize(samples), ["p50", "p95"]),
      note: `n=${samples.length}`,
    });
  },
};

function sequentialGet(key: string, label: string, pathFor: (board: string) => string, p95Key?: string): Measurement {
  return {
    name: label,
    async run(ctx) {
      const { client } = await ctx.app();
      const url = pathFor(BIG_BOARD);
      const samples = await timedSeries(client, url, PAGE_SAMPLES, PAGE_WARMUPS);
      const last = await client.request(url);
      // The page names the card by key; the board JSON carries it in the compact form (lib/board/wire.ts), by number.
      const lastCard = `${BIG_BOARD}-${ctx.boardSize(BIG_BOARD)}`;
      // (In the page's RSC payload the quote after it is escaped: match up to the comma.)
      if (!last.body.includes(lastCard) && !last.body.includes(`",${ctx.boardSize(BIG_BOARD)},`)) {
        ctx.report.note(`GET ${url} answered ${last.status} without the board's last task in it: check what it renders.`);
      }
      ctx.report.add({
        key,
        label: `${label} (ms)`,
        value: pick(summarize(samples), ["p50", "p95"]),
        note: `n=${samples.length}, sequential, ${Math.round(Buffer.byteLength(last.body) / 1024)} KB`,
      });
      if (p95Key) ctx.report.add({ key: p95Key, label: `${label}, p95 (ms)`, value: round(summarize(samples).p95) });
    },
  };
}

const boardPage = sequentialGet("boardPageMs", `Board page GET /w/${WORKSPACE}/b/${BIG_BOARD}`, (b) => `/w/${WORKSPACE}/b/${b}`);
const boardJson = sequentialGet("boardJsonMs", `Board JSON GET /api/w/${WORKSPACE}/boards/${BIG_BOARD}`, (b) => `/api/w/${WORKSPACE}/boards/${b}`, "board_read_p95");

interface MoveJob {
  key: string;
  id: string;
  body: { lane: string; status: string; afterId: string | null; overDelegationReason?: string; gateOverrideReason?: string };
}

/** Moves of distinct tasks to random cells, after a random card of the cell or to the top. */
function moveJobs(random: () => number, tasks: readonly { id: string; key: string; lane: string; status: string }[], count: number): MoveJob[] {
  const byCell = new Map<string, string[]>();
  for (const t of tasks) byCell.set(`${t.lane}:${t.status}`, [...(byCell.get(`${t.lane}:${t.status}`) ?? []), t.id]);
  return shuffled(random, tasks)
    .slice(0, count)
    .map((task) => {
      const cell = pickOne(random, CELLS);
      const candidates = (byCell.get(`${cell.lane}:${cell.status}`) ?? []).filter((id) => id !== task.id);
      const afterId = random() < 0.3 || candidates.length === 0 ? null : pickOne(random, candidates);
      // Moves into the Delegate lane need the reasons the lane rules ask for; giving them always
      // measures the full path (rules checked, reasons recorded as events).
      const reasons = cell.lane === "delegate" ? { overDelegationReason: "bench", gateOverrideReason: "bench" } : {};
      return { key: task.key, id: task.id, body: { lane: cell.lane, status: cell.status, afterId, ...reasons } };
    });
}

const apiMoves: Measurement = {
  name: `Card moves over HTTP at ${MOVE_CONCURRENCY} concurrent clients`,
  async run(ctx) {
    const { client } = await ctx.app();
    const view = decodeBoard(await client.json<BoardWire>(`/api/w/${WORKSPACE}/boards/${BIG_BOARD}`));
    const total = MOVE_CONCURRENCY * MOVES_PER_WORKER;
    const all = moveJobs(seededRandom(42), view.tasks, total + MOVE_WARMUPS);
    const jobs = all.slice(0, total);
    const move = async (job: MoveJob): Promise<TimedResponse> => {
      try {
        return await client.request(`/api/w/${WORKSPACE}/tasks/${job.key}/move`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(job.body),
        });
      } catch (error) {
        return { status: 0, ok: false, body: String(error), ms: Number.NaN };
      }
    };
    for (const job of all.slice(total)) await move(job); // warm-up, sequential, other tasks

    const { results, wallMs } = await runConcurrent(jobs, MOVE_CONCURRENCY, move);
    const ok = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    ctx.report.add({
      key: "moveMs",
      label: `Card move POST …/move, ${MOVE_CONCURRENCY} clients (ms)`,
      value: { ...pick(summarize(ok.map((r) => r.ms)), ["p50", "p95", "p99"]), concurrency: MOVE_CONCURRENCY, errors: failed.length },
      note: `n=${ok.length} ok of ${results.length}`,
    });
    ctx.report.add({ key: "moveThroughputPerSec", label: "Card move throughput (moves/s)", value: round(results.length / (wallMs / 1000)) });
    for (const [what, n] of failureGroups(failed)) ctx.report.note(`Move endpoint: ${n}× ${what}`);
    await checkMovedCells(ctx, view.board.id, jobs, results);
  },
};

/** After the concurrent moves: every moved card in its target cell, no two cards with one key. */
async function checkMovedCells(ctx: BenchContext, boardId: string, jobs: readonly MoveJob[], results: readonly TimedResponse[]) {
  const { rows } = await ctx.pool().query<{ id: string; lane: string; status: string }>(
    "SELECT id, lane::text AS lane, status::text AS status FROM tasks WHERE board_id = $1 AND deleted_at IS NULL",
    [boardId],
  );
  const where = new Map(rows.map((r) => [r.id, `${r.lane}:${r.status}`]));
  const misplaced = jobs.filter((job, i) => results[i]?.ok && where.get(job.id) !== `${job.body.lane}:${job.body.status}`).length;
  if (misplaced) ctx.report.note(`${misplaced} successfully moved card(s) are not in the cell they were moved to.`);
  const { rows: duplicates } = await ctx.pool().query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM tasks WHERE board_id = $1 AND deleted_at IS NULL
       GROUP BY lane, status, position HAVING count(*) > 1) d`,
    [boardId],
  );
  const dup = Number(duplicates[0]?.n ?? 0);
  if (dup) ctx.report.note(`After the concurrent moves, ${dup} position key(s) are shared by several cards of one cell (order is ambiguous).`);
}

/**
 * The hot write as issue 11 measures it: moves that need no reason (within and between the cells
 * of the Untriaged and Leverage lanes, and within the Delegate lane's loop), which is what dragging
 * cards about is; moves into Delegate that ask for a reason take the locked path and are measured
 * by `moveMs` above. Keys: move_sql (statements per move, in-process), move_p50_1 (one client,
 * sequential, HTTP), move_rps / health_rps / move_vs_health (50 concurrent clients, closed loop,
 * /api/health at the same concurrency in the same run), move_p95 / move_p99 / move_errors (an open
 * loop at a steady 100 moves/s: each request is sent on schedule whatever the others are doing, and
 * its latency counts from when it was due, so a stall is not hidden by the requests it delayed).
 */
const hotMoves: Measurement = {
  name: "Hot card moves: statements, one client, 50 clients, a steady 100/s",
  async run(ctx) {
    const lib = await ctx.lib();
    const { client } = await ctx.app();
    const view = decodeBoard(await client.json<BoardWire>(`/api/w/${WORKSPACE}/boards/${BIG_BOARD}`));
    const free = view.tasks.filter((t) => t.lane !== "delegate");
    const loop = view.tasks.filter((t) => t.lane === "delegate" && ["ready", "in_progress", "in_review"].includes(t.status));
    const random = seededRandom(11);
    const statuses = ["backlog", "ready", "in_progress", "in_review", "done"] as const;
    const jobFor = (i: number): MoveJob => {
      const fromLoop = i % 4 === 3 && loop.length > 0;
      const task = fromLoop ? loop[i % loop.length]! : free[i % free.length]!;
      const lane = fromLoop ? "delegate" : random() < 0.5 ? "untriaged" : "leverage";
      const status = fromLoop ? pickOne(random, ["ready", "in_progress", "in_review"] as const) : pickOne(random, statuses);
      const cell = view.tasks.filter((t) => t.lane === lane && t.status === status && t.id !== task.id);
      const afterId = random() < 0.2 || cell.length === 0 ? null : pickOne(random, cell).id;
      return { key: task.key, id: task.id, body: { lane, status, afterId } };
    };
    let next = 0;
    const job = () => jobFor(next++);
    const move = async (j: MoveJob): Promise<TimedResponse> => {
      try {
        return await client.request(`/api/w/${WORKSPACE}/tasks/${j.key}/move`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(j.body) });
      } catch (error) {
        return { status: 0, ok: false, body: String(error), ms: Number.NaN };
      }
    };

    // Statements per move, in-process (the route adds the sign-in's own lookups).
    const scope = await lib.scopeForUser(WORKSPACE, ctx.seeded.ownerUserId);
    const counts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const j = job();
      const before = lib.queryCount();
      await lib.moveTask(scope, j.key, j.body);
      counts.push(lib.queryCount() - before);
    }
    ctx.report.add({ key: "move_sql", label: "SQL statements per card move (in-process)", value: Math.max(...counts), note: `max of 20 moves; min ${Math.min(...counts)}` });

    // One client, one move after another.
    for (let i = 0; i < 10; i++) await move(job());
    const one: number[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await move(job());
      if (r.ok) one.push(r.ms);
    }
    ctx.report.add({ key: "move_p50_1", label: "Card move, one client, sequential (ms)", value: round(summarize(one).p50), note: `n=${one.length}, p95 ${round(summarize(one).p95)} ms` });

    // 50 clients, closed loop; then /api/health the same way.
    const jobs = Array.from({ length: MOVE_CONCURRENCY * 20 }, job);
    const moved = await runConcurrent(jobs, MOVE_CONCURRENCY, move);
    const moveErrors = moved.results.filter((r) => !r.ok);
    const health = await runConcurrent(jobs, MOVE_CONCURRENCY, () => client.request("/api/health"));
    const moveRps = moved.results.length / (moved.wallMs / 1000);
    const healthRps = health.results.length / (health.wallMs / 1000);
    ctx.report.add({ key: "move_rps", label: `Card moves/s, ${MOVE_CONCURRENCY} clients`, value: round(moveRps), note: `n=${jobs.length}, ${moveErrors.length} errors, p50 ${round(summarize(moved.results.filter((r) => r.ok).map((r) => r.ms)).p50)} ms` });
    ctx.report.add({ key: "health_rps", label: `GET /api/health/s, ${MOVE_CONCURRENCY} clients`, value: round(healthRps) });
    ctx.report.add({ key: "move_vs_health", label: "Card moves/s ÷ /api/health/s", value: round(moveRps / healthRps, 2) });
    for (const [what, n] of failureGroups(moveErrors)) ctx.report.note(`Hot moves, 50 clients: ${n}× ${what}`);

    // Open loop at 100 moves/s for 10 s.
    const RATE = 100;
    const COUNT = 1000;
    const openJobs = Array.from({ length: COUNT }, job);
    const started = performance.now();
    const latencies: number[] = [];
    let errors = 0;
    await Promise.all(
      openJobs.map(async (j, i) => {
        const due = started + (i * 1000) / RATE;
        await delay(Math.max(0, due - performance.now()));
        const r = await move(j);
        if (!r.ok) errors++;
        else latencies.push(performance.now() - due);
      }),
    );
    const steady = summarize(latencies);
    ctx.report.add({ key: "move_p95", label: `Card move at a steady ${RATE}/s, p95 (ms)`, value: round(steady.p95), note: `n=${latencies.length}, p50 ${round(steady.p50)} ms, from when each was due` });
    ctx.report.add({ key: "move_p99", label: `Card move at a steady ${RATE}/s, p99 (ms)`, value: round(steady.p99) });
    ctx.report.add({ key: "move_errors", label: `Card moves failed at a steady ${RATE}/s`, value: errors });
    await checkMovedCells(ctx, view.board.id, [], []);
  },
};

const rawSqlMoves: Measurement = {
  name: `The same write in raw SQL (pg pool of ${SQL_POOL_SIZE})`,
  async run(ctx) {
    const pool = ctx.pool();
    const boardId = ctx.seeded.boards.find((b) => b.key === BIG_BOARD)?.id as string;
    await Promise.all(Array.from({ length: SQL_POOL_SIZE }, () => pool.query("SELECT 1"))); // open the connections
    const { rows: tasks } = await pool.query<{ id: string; key: string; lane: string; status: string }>(
      "SELECT id, 'BENCH-' || number AS key, lane::text AS lane, status::text AS status FROM tasks WHERE board_id = $1 AND deleted_at IS NULL ORDER BY number",
      [boardId],
    );
    const total = MOVE_CONCURRENCY * MOVES_PER_WORKER;
    const jobs = moveJobs(seededRandom(7), tasks, total);
    // Valid keys: each cell's moves go after its current last card, in job order.
    const { rows: lasts } = await pool.query<{ lane: string; status: string; last: string }>(
      `SELECT lane::text AS lane, status::text AS status, max(position COLLATE "C") AS last
         FROM tasks WHERE board_id = $1 AND deleted_at IS NULL GROUP BY lane, status`,
      [boardId],
    );
    const cellOf = (j: MoveJob) => `${j.body.lane}:${j.body.status}`;
    const keys = new Map<string, string[]>();
    for (const cell of new Set(jobs.map(cellOf))) {
      const last = lasts.find((l) => `${l.lane}:${l.status}` === cell)?.last ?? null;
      keys.set(cell, keysBetween(last, null, jobs.filter((j) => cellOf(j) === cell).length));
    }
    const positions = jobs.map((j) => keys.get(cellOf(j))?.shift() as string);

    const errors: string[] = [];
    const { results } = await runConcurrent(
      jobs.map((job, i) => ({ job, position: positions[i] as string })),
      MOVE_CONCURRENCY,
      async ({ job, position }) => {
        const started = performance.now();
        try {
          await pool.query(
            "UPDATE tasks SET lane = $1, status = $2, position = $3, version = version + 1, updated_at = now() WHERE id = $4",
            [job.body.lane, job.body.status, position, job.id],
          );
          return performance.now() - started;
        } catch (error) {
          errors.push(String(error));
          return Number.NaN;
        }
      },
    );
    if (errors.length) ctx.report.note(`Raw SQL: ${errors.length} UPDATE(s) failed, e.g. ${errors[0]}`);
    ctx.report.add({
      key: "rawSqlMoveMs",
      label: `Raw SQL UPDATE, ${MOVE_CONCURRENCY} workers / ${SQL_POOL_SIZE} connections (ms)`,
      value: pick(summarize(results.filter(Number.isFinite)), ["p50", "p95", "p99"]),
      note: `n=${results.length}`,
    });
  },
};

const apiToSqlRatio: Measurement = {
  name: "API p50 / SQL p50",
  async run(ctx) {
    const api = ctx.report.get("moveMs");
    const sql = ctx.report.get("rawSqlMoveMs");
    const ratio = typeof api === "object" && typeof sql === "object" ? Number(api.p50) / Number(sql.p50) : Number.NaN;
    ctx.report.add({ key: "apiToSqlRatio", label: "Card move: API p50 / raw SQL p50", value: round(ratio) });
  },
};

/**
 * Spec lint latency on a 5,000-word spec: the editor lints on every keystroke, so this is the
 * typing budget (a frame is 16 ms). Pure code, measured in-process after a warm-up.
 */
const specLintLatency: Measurement = {
  name: "spec lint on a 5,000-word spec",
  async run(ctx) {
    const { lintSpec } = await import("../lib/spec/lint");
    const { FILLED_EXAMPLES } = await import("../lib/spec/templates");
    const base = FILLED_EXAMPLES["reference-based-change"];
    const paragraph = "The handler validates the cursor, reads one page plus one row, and maps rows with toProjectDto as the users endpoint does. ";
    let spec = base;
    while (lintSpec(spec).wordCount < 5000) spec += `\n\n${paragraph.repeat(8)}`;
    const words = lintSpec(spec).wordCount;
    for (let i = 0; i < 20; i++) lintSpec(spec); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      lintSpec(spec);
      samples.push(performance.now() - started);
    }
    ctx.report.add({ key: "specLint5000WordsMs", label: `Spec lint, ${words}-word spec (ms)`, value: pick(summarize(samples), ["p50", "p95"]), note: "n=200, in-process" });
  },
};

/** A request that never throws: a network error or timeout is status 0. */
async function send(client: HttpClient, url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<TimedResponse> {
  try {
    return await client.request(url, init);
  } catch (error) {
    return { status: 0, ok: false, body: String(error), ms: Number.NaN };
  }
}

/**
 * The agent API's write path: AGENT_COUNT agents (set up in-process first) each POST
 * SUBMISSIONS_PER_AGENT attempts with a real 5–10 KB diff to their own task, all at once.
 */
const submissionPosts: Measurement = {
  name: `Submission POSTs at ${AGENT_COUNT} concurrent agents`,
  async run(ctx) {
    const agents = await ctx.agents();
    log(`Created ${agents.length} agents with a token and a delegate task each (${agents[0]?.taskKey} …).`);
    const { server } = await ctx.app();
    const client = new HttpClient(server.baseUrl); // no session: agents have only their token
    const diffs = demoDiffs(DIFF_BYTES.min, DIFF_BYTES.max);
    type Job = { agent: BenchAgent; body: string; idempotencyKey: string };
    const job = (agent: BenchAgent, label: string, n: number): Job => ({
      agent,
      body: submissionBody(agent.name, label, diffs[n % diffs.length] as (typeof diffs)[number]),
      idempotencyKey: randomUUID(),
    });
    const post = (j: Job) =>
      send(client, `/api/v1/tasks/${j.agent.taskKey}/submissions`, {
        method: "POST",
        headers: { authorization: `Bearer ${j.agent.token}`, "content-type": "application/json", "idempotency-key": j.idempotencyKey },
        body: j.body,
      });

    for (let i = 0; i < SUBMISSION_WARMUPS; i++) await post(job(agents[i % agents.length] as BenchAgent, `warm-up ${i + 1}`, i)); // sequential
    // Worker a runs jobs a*SUBMISSIONS_PER_AGENT…: agent a's attempts, one after the other.
    const jobs = agents.flatMap((agent, a) => Array.from({ length: SUBMISSIONS_PER_AGENT }, (_, k) => job(agent, `attempt ${k + 1}`, a + k)));
    const bytes = jobs.reduce((sum, j) => sum + Buffer.byteLength(j.body), 0) / jobs.length;
    const { results, wallMs } = await runConcurrent(jobs, AGENT_COUNT, post);

    const ok = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    ctx.report.add({
      key: "submissionPostMs",
      label: `Submission POST /api/v1/tasks/:key/submissions, ${AGENT_COUNT} agents (ms)`,
      value: { ...pick(summarize(ok.map((r) => r.ms)), ["p50", "p95", "p99"]), concurrency: AGENT_COUNT, errors: failed.length },
      note: `n=${ok.length} ok of ${results.length}, ~${(bytes / 1024).toFixed(1)} KB bodies, ${round(results.length / (wallMs / 1000))}/s`,
    });
    const replays = ok.filter((r) => r.status !== 201).length;
    if (replays) ctx.report.note(`Submission endpoint: ${replays} answer(s) were 2xx but not 201 (a replay, though every Idempotency-Key was new).`);
    for (const [what, n] of failureGroups(failed)) ctx.report.note(`Submission endpoint: ${n}× ${what}`);

    const { rows } = await ctx.pool().query<{ n: string }>("SELECT count(*) AS n FROM submissions WHERE task_id = ANY($1::text[]) AND source::text = 'api'", [
      agents.map((a) => a.taskId),
    ]);
    const stored = Number(rows[0]?.n ?? 0);
    const expected = ok.length + SUBMISSION_WARMUPS;
    if (stored !== expected) ctx.report.note(`Submissions: ${stored} stored for the bench agents' tasks, but ${ok.length} + ${SUBMISSION_WARMUPS} warm-ups were acknowledged.`);

    // The statements one attempt sends, in-process: a warm-up, then one counted.
    const lib = await ctx.lib();
    const agent = agents[0] as BenchAgent;
    const { scope } = await lib.scopeForBearer(`Bearer ${agent.token}`);
    const submit = () => lib.createSubmission(scope, agent.taskKey, JSON.parse(job(agent, "in-process", 0).body), { source: "api", idempotencyKey: randomUUID() });
    await submit();
    const before = lib.queryCount();
    await submit();
    ctx.report.add({ key: "submission_sql", label: "Agent attempt: SQL statements per submission (in-process)", value: lib.queryCount() - before });
  },
};

/**
 * Live updates: an agent hands back an attempt while a person has the board open. Measured from
 * the agent's POST to the moment the open board's event stream delivers the change, and to the
 * moment a board that re-reads itself has done so (a 100 ms wait, then the whole board JSON: how
 * the page caught up before decision 46 — it now fetches only the changed card, see
 * live_apply_p95). Sequential, one attempt at a time, so it is latency, not load.
 */
const liveUpdates: Measurement = {
  name: "Live update: an agent's attempt reaches an open board",
  async run(ctx) {
    const agents = await ctx.agents();
    const { server } = await ctx.app();
    const watcher = new HttpClient(server.baseUrl);
    await watcher.signIn(DEMO_USERS.member.email, DEMO_PASSWORD);
    const stream = await watcher.events(`/api/w/${WORKSPACE}/events`);
    const agentClient = new HttpClient(server.baseUrl);
    const diffs = demoDiffs(DIFF_BYTES.min, DIFF_BYTES.max);
    const toEvent: number[] = [];
    const toBoard: number[] = [];
    let missed = 0;
    try {
      for (const [i, agent] of [...agents.slice(0, LIVE_WARMUPS), ...agents].entries()) {
        const started = performance.now();
        const posted = await send(agentClient, `/api/v1/tasks/${agent.taskKey}/submissions`, {
          method: "POST",
          headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
          body: submissionBody(agent.name, `live ${i + 1}`, diffs[i % diffs.length] as (typeof diffs)[number]),
        });
        if (!posted.ok) throw new Error(`The submission answered ${posted.status}: ${posted.body.slice(0, 200)}`);
        const event = await stream.next((e) => e.event === "task" && e.data.includes(agent.taskId), 5_000);
        if (!event) {
          missed++;
          continue;
        }
        await delay(LIVE_BATCH_MS);
        const board = await watcher.request(`/api/w/${WORKSPACE}/boards/${AGENT_BOARD}`);
        if (!board.ok) throw new Error(`The board answered ${board.status}`);
        if (i < LIVE_WARMUPS) continue; // the first ones warm the paths up
        toEvent.push(event.at - started);
        toBoard.push(performance.now() - started);
      }
    } finally {
      stream.close();
    }
    if (missed) ctx.report.note(`Live updates: ${missed} attempt(s) never reached the open board's event stream within 5 s.`);
    ctx.report.add({
      key: "liveEventMs",
      label: "Live update: attempt POST → event on an open board (ms)",
      value: pick(summarize(toEvent), ["p50", "p95", "max"]),
      note: `n=${toEvent.length}, sequential`,
    });
    ctx.report.add({
      key: "liveBoardMs",
      label: `Live update: … → board re-read, ${ctx.boardSize(AGENT_BOARD)} tasks (ms)`,
      value: pick(summarize(toBoard), ["p50", "p95", "max"]),
      note: `a ${LIVE_BATCH_MS} ms wait, then the whole board (the page now fetches one card: live_apply_p95)`,
    });
  },
};

/**
 * GitHub webhook acknowledgement: signed pull_request deliveries (opened, then synchronize) whose
 * title names a bench agent's task, so each one adds an attempt. GitHub waits for the answer (and
 * gives up after 10 s), and this handler answers after its transaction commits.
 */
const webhookAcks: Measurement = {
  name: `GitHub webhook deliveries, sequential and ${WEBHOOK_CONCURRENCY} concurrent`,
  async run(ctx) {
    const agents = await ctx.agents();
    const lib = await ctx.lib();
    const secret = `bench-webhook-secret-${randomUUID()}`;
    await lib.operatorSetWebhookSecret({ workspace: WORKSPACE, secret });
    // Only the board linked to a pull request's repository takes work from it.
    await lib.operatorLinkBoard({ workspace: WORKSPACE, board: AGENT_BOARD, repository: "acme/web" });
    const { server } = await ctx.app();
    const client = new HttpClient(server.baseUrl);
    const url = `/api/webhooks/github/${WORKSPACE}`;
    const keys = agents.map((a) => a.taskKey);
    const deliver = (d: Delivery) => send(client, url, { method: "POST", headers: d.headers, body: d.body });
    // 2xx, and the delivery was processed into an attempt on the task its title names.
    const unprocessed = (deliveries: readonly Delivery[], results: readonly TimedResponse[]) =>
      results.filter((r, i) => {
        if (!r.ok) return false;
        let body: { status?: string; tasks?: string[] } = {};
        try {
          body = JSON.parse(r.body) as typeof body;
        } catch {
          // not JSON: counted as not processed
        }
        return body.status !== "processed" || !body.tasks?.includes(deliveries[i]?.taskKey as string);
      }).length;

    const warmups = pullRequestDeliveries(keys.slice(0, WEBHOOK_WARMUPS), secret, 9000);
    for (const d of warmups) await deliver(d);

    // Sequential: one delivery at a time, round-robin over the tasks.
    const sequential = pullRequestDeliveries(Array.from({ length: WEBHOOK_DELIVERIES }, (_, i) => keys[i % keys.length] as string), secret, 1000);
    const sequentialResults: TimedResponse[] = [];
    for (const d of sequential) sequentialResults.push(await deliver(d));

    // Concurrent: worker w (jobs w*10…) alternates between tasks 2w and 2w+1, so no two
    // deliveries in flight name the same task (they would queue on its row lock).
    const perWorker = Math.ceil(WEBHOOK_DELIVERIES / WEBHOOK_CONCURRENCY);
    const concurrent = pullRequestDeliveries(
      Array.from({ length: WEBHOOK_DELIVERIES }, (_, i) => keys[(2 * Math.floor(i / perWorker) + (i % 2)) % keys.length] as string),
      secret,
      2000,
    );
    const { results: concurrentResults } = await runConcurrent(concurrent, WEBHOOK_CONCURRENCY, deliver);

    for (const [key, label, deliveries, results] of [
      ["webhookAckMs", "sequential", sequential, sequentialResults],
      ["webhookAckConcurrent10Ms", `${WEBHOOK_CONCURRENCY} concurrent`, concurrent, concurrentResults],
    ] as const) {
      const ok = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      ctx.report.add({
        key,
        label: `GitHub webhook ack POST …/webhooks/github, ${label} (ms)`,
        value: { ...pick(summarize(ok.map((r) => r.ms)), ["p50", "p95", "max"]), errors: failed.length },
        note: `n=${ok.length} ok of ${results.length}, ~${(Buffer.byteLength(deliveries[0]?.body ?? "") / 1024).toFixed(1)} KB payloads`,
      });
      const missed = unprocessed(deliveries, results);
      if (missed) ctx.report.note(`Webhook (${label}): ${missed} delivery(ies) answered 2xx without adding an attempt to the task they name.`);
      for (const [what, n] of failureGroups(failed)) ctx.report.note(`Webhook (${label}): ${n}× ${what}`);
    }

    const { rows } = await ctx.pool().query<{ n: string }>("SELECT count(*) AS n FROM submissions WHERE task_id = ANY($1::text[]) AND source::text = 'github'", [
      agents.map((a) => a.taskId),
    ]);
    const stored = Number(rows[0]?.n ?? 0);
    const acknowledged = [...sequentialResults, ...concurrentResults].filter((r) => r.ok).length + WEBHOOK_WARMUPS;
    if (stored !== acknowledged) ctx.report.note(`Webhook: ${stored} GitHub attempts stored, but ${acknowledged} deliveries (warm-ups included) were acknowledged.`);
  },
};

/**
 * From a pull request's delivery to its diff being reviewable: the workspace is connected to a
 * loopback stand-in for GitHub's REST API, each delivery (sequential, demo diffs of realistic
 * size) adds an attempt whose diff a job on the server fetches, and the clock stops when the
 * review page's API serves the attempt with its diff. Includes the job workers' polling interval.
 */
const pullRequestDiffs: Measurement = {
  name: `Pull request delivery → diff reviewable, ${PR_DIFF_DELIVERIES} sequential`,
  async run(ctx) {
    const agents = await ctx.agents();
    const lib = await ctx.lib();
    const github = await startGitHubStandIn();
    try {
      const secret = `bench-diff-secret-${randomUUID()}`;
      await lib.operatorSetWebhookSecret({ workspace: WORKSPACE, secret });
      await lib.operatorLinkBoard({ workspace: WORKSPACE, board: AGENT_BOARD, repository: "acme/web" });
      await lib.operatorConnectGitHub({ workspace: WORKSPACE, token: github.token, apiUrl: github.url });
      github.addRepo({ owner: "acme", name: "web", files: { "README.md": "# web\n" } });
      const diffs = demoDiffs(500, 200_000);
      const deliveries = pullRequestDeliveries(Array.from({ length: PR_DIFF_DELIVERIES }, (_, i) => agents[i % agents.length]?.taskKey as string), secret, 7000);
      const numbers = deliveries.map((d) => Number((JSON.parse(d.body) as { number: number }).number));
      // One pull request per task (later deliveries are pushes to it), each with a demo diff.
      [...new Set(numbers)].forEach((number, i) => github.addPull("acme", "web", { number, headRef: "bench-webhook-change", diff: (diffs[i % diffs.length] as { text: string }).text }));
      const { server, client } = await ctx.app();
      const hook = new HttpClient(server.baseUrl);
      const times: number[] = [];
      let missed = 0;
      for (const [i, d] of deliveries.entries()) {
        const t0 = performance.now();
        const answer = await send(hook, `/api/webhooks/github/${WORKSPACE}`, { method: "POST", headers: d.headers, body: d.body });
        const taskId = agents.find((a) => a.taskKey === d.taskKey)?.taskId;
        const { rows } = await ctx.pool().query<{ id: string }>("SELECT id FROM submissions WHERE task_id = $1 AND pr_number = $2 ORDER BY attempt DESC LIMIT 1", [taskId, numbers[i]]);
        const id = rows[0]?.id;
        // A delivery that added no attempt (refused, or taken for a replay) would time an older one.
        const processed = answer.ok && (JSON.parse(answer.body) as { status?: string }).status === "processed";
        if (!processed || !id) {
          missed++;
          continue;
        }
        let reviewable = false;
        while (!reviewable && performance.now() - t0 < 20_000) {
          const view = await client.request(`/api/w/${WORKSPACE}/review/attempts/${id}`);
          reviewable = view.ok && (JSON.parse(view.body) as { attempt: { submission: { diff: string } } }).attempt.submission.diff.length > 0;
          if (!reviewable) await delay(25);
        }
        if (reviewable) times.push(performance.now() - t0);
        else missed++;
      }
      ctx.report.add({
        key: "prDiffReviewableMs",
        label: "Pull request delivered → its diff served by the review API (ms)",
        value: { ...pick(summarize(times), ["p50", "p95", "max"]), errors: missed },
        note: `n=${times.length} of ${deliveries.length}; GitHub is a loopback stand-in; the job workers poll every 0.5 s`,
      });
    } finally {
      await github.close();
    }
  },
};

const attemptPath = (a: ReviewAttempt) => `/api/w/${WORKSPACE}/review/attempts/${a.submissionId}`;
const describeAttempts = (attempts: readonly ReviewAttempt[]) =>
  `${attempts.length} attempts of ${attempts.map((a) => a.changedLines).join("/")} changed lines in ${attempts[0]?.paths.length ?? 0} files each`;

/**
 * Opening the next attempt of the review queue: the JSON the review page fetches for one attempt
 * (diff split into files, spec, previous round, drafts, viewed marks), signed in as the demo owner.
 * Sequential, alternating between REVIEW_ATTEMPTS attempts of about 2,000 changed lines each.
 */
const reviewAttemptServer: Measurement = {
  name: "Review: open an attempt with a 2,000-line diff (server)",
  async run(ctx) {
    const attempts = await ctx.largeAttempts();
    const { client } = await ctx.app();
    const samples: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < REVIEW_WARMUPS + REVIEW_SAMPLES; i++) {
      const attempt = attempts[i % attempts.length] as ReviewAttempt;
      const response = await client.request(attemptPath(attempt));
      if (!response.ok) throw new Error(`GET ${attemptPath(attempt)} answered ${response.status}: ${response.body.slice(0, 300)}`);
      if (i < attempts.length) {
        const view = (JSON.parse(response.body) as { attempt: { submission: { id: string }; files: { path: string }[] } }).attempt;
        const paths = view.files.map((f) => f.path).join(",");
        if (view.submission.id !== attempt.submissionId || paths !== attempt.paths.join(",")) {
          ctx.report.note(`GET ${attemptPath(attempt)} answered with another attempt or other files (${view.files.length} files) than were submitted.`);
        }
      }
      if (i < REVIEW_WARMUPS) continue;
      samples.push(response.ms);
      bytes.push(Buffer.byteLength(response.body));
    }
    const kb = (list: number[]) => round(list.reduce((a, b) => a + b, 0) / list.length / 1024);
    ctx.report.add({
      key: "review_attempt_server_ms",
      label: "Review: open next attempt, 2,000-line diff — server (ms)",
      value: { ...pick(summarize(samples), ["p50", "p95"]), kb: kb(bytes) },
      note: `n=${samples.length}, sequential, alternating ${describeAttempts(attempts)}; kb = JSON size, uncompressed`,
    });
  },
};

/**
 * The same attempts opened in Chromium: from the navigation's start (performance.now() in the
 * page) until every file of the diff is rendered as a diff table and React has hydrated the page.
 * Signed in once through the form; a new page per sample, so the JS and CSS come from the browser's
 * cache as for a returning reviewer, and the attempt is fetched afresh.
 */
const reviewAttemptInteractive: Measurement = {
  name: "Review: attempt page in Chromium until the diff is interactive",
  async run(ctx) {
    const attempts = await ctx.largeAttempts();
    const { server } = await ctx.app();
    const browser = await ctx.browser();
    const context = await signedInContext(browser, server.baseUrl, DEMO_USERS.owner.email, DEMO_PASSWORD);
    const samples: number[] = [];
    const requested: number[] = [];
    const fetched: number[] = [];
    const started = performance.now();
    try {
      for (let i = 0; i < BROWSER_WARMUPS + BROWSER_SAMPLES; i++) {
        if (samples.length > 0 && performance.now() - started > BROWSER_BUDGET_MS) {
          ctx.report.note(`Review in Chromium: stopped after ${samples.length} of ${BROWSER_SAMPLES} samples, past the ${BROWSER_BUDGET_MS / 1000} s budget.`);
          break;
        }
        const attempt = attempts[i % attempts.length] as ReviewAttempt;
        const url = `/w/${WORKSPACE}/review?attempt=${attempt.submissionId}`;
        const timing = await timeUntilDiffInteractive(context, url, attempt.paths, attemptPath(attempt)).catch((error: unknown) => {
          throw new Error(`${url} did not show the attempt's ${attempt.paths.length} files as hydrated diff tables: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
        });
        if (i < BROWSER_WARMUPS) continue;
        samples.push(timing.interactiveMs);
        if (timing.attemptRequestedMs !== null) requested.push(timing.attemptRequestedMs);
        if (timing.attemptFetchedMs !== null) fetched.push(timing.attemptFetchedMs);
      }
    } finally {
      await context.close();
    }
    ctx.report.add({
      key: "review_attempt_interactive_ms",
      label: "Review: open attempt in Chromium until the diff is interactive (ms)",
      value: pick(summarize(samples), ["p50", "p95"]),
      note: `n=${samples.length}, new page each, alternating ${describeAttempts(attempts)}; ${
        requested.length > 0
          ? `p50 of the attempt JSON's request ${round(summarize(requested).p50)} ms, arrival ${round(summarize(fetched).p50)} ms`
          : "the attempt came with the page (no separate request)"
      }`,
    });
  },
};

/**
 * Verdicts: POST …/verdict on fresh attempts (demo diffs of 5–10 KB, created beforehand, each the
 * only attempt of its own task), sequential, alternating accept and request changes. Then the SQL
 * statements one verdict sends, counted in-process on a few more attempts.
 */
const verdictPosts: Measurement = {
  name: "Review: verdict POSTs, sequential",
  async run(ctx) {
    const diffs = demoDiffs(DIFF_BYTES.min, DIFF_BYTES.max);
    const inProcess = 3; // a warm-up, then one accept and one request for changes, counted
    const attempts = await ctx.submitAttempts(
      "verdict",
      Array.from({ length: VERDICT_WARMUPS + VERDICT_SAMPLES + inProcess }, (_, i) => (diffs[i % diffs.length] as (typeof diffs)[number]).text),
    );
    const { client } = await ctx.app();
    const verdict = (i: number) =>
      i % 2 === 0
        ? { verdict: "accept", checklist: [...CHECKLIST_IDS] }
        : { verdict: "request_changes", summary: "Handle the empty list in the handler and add a test for it; the rest reads well." };
    const results: TimedResponse[] = [];
    for (const [i, attempt] of attempts.slice(0, VERDICT_WARMUPS + VERDICT_SAMPLES).entries()) {
      const response = await send(client, `${attemptPath(attempt)}/verdict`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(verdict(i)),
      });
      if (i >= VERDICT_WARMUPS) results.push(response);
    }
    const ok = results.filter((r) => r.status === 201);
    const failed = results.filter((r) => r.status !== 201);
    ctx.report.add({
      key: "verdict_post_ms",
      label: "Review: verdict POST …/verdict, sequential (ms)",
      value: { ...pick(summarize(ok.map((r) => r.ms)), ["p50", "p95"]), errors: failed.length },
      note: `n=${ok.length} ok of ${results.length}, alternating accept / request changes, fresh attempts`,
    });
    for (const [what, n] of failureGroups(failed)) ctx.report.note(`Verdict endpoint: ${n}× ${what}`);

    const lib = await ctx.lib();
    const scope = await lib.scopeForUser(WORKSPACE, ctx.seeded.ownerUserId, "review.write");
    const [warmup, accepted, sentBack] = attempts.slice(-inProcess) as [ReviewAttempt, ReviewAttempt, ReviewAttempt];
    await lib.giveVerdict(scope, warmup.submissionId, verdict(0));
    const counts: Record<string, number> = {};
    for (const [name, attempt, i] of [["accept", accepted, 0], ["request_changes", sentBack, 1]] as const) {
      const before = lib.queryCount();
      await lib.giveVerdict(scope, attempt.submissionId, verdict(i));
      counts[name] = lib.queryCount() - before;
    }
    ctx.report.add({ key: "verdict_sql", label: "Review: SQL statements per verdict (in-process)", value: counts });
  },
};

/**
 * The dashboard at scale: a workspace with 100,000 reviews over 20,000 tasks (a year of work, see
 * scripts/lib/bench-dashboard.ts). Times every figure the dashboard shows (dashboardFigures, its
 * queries in parallel as the page runs them) in-process for the default range (the last eight
 * weeks) and for the whole year, counts its SQL statements, and times GET /api/v1/metrics over HTTP
 * alternately with GET /api/health, whose ratio is what to compare between runs.
 */
const dashboardQueries: Measurement = {
  name: "Dashboard at 100,000 reviews",
  async run(ctx) {
    log("Seeding the metrics workspace: 20,000 tasks, 100,000 reviews…");
    const seededAt = performance.now();
    const seeded = await seedDashboardWorkspace(ctx.pool(), ctx.seeded.ownerUserId);
    ctx.report.note(`Metrics workspace: ${seeded.tasks} tasks, ${seeded.reviews} reviews, seeded in ${Math.round((performance.now() - seededAt) / 1000)} s.`);
    const lib = await ctx.lib();
    const scope = await lib.scopeForUser(DASHBOARD_WORKSPACE, ctx.seeded.ownerUserId);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const filterOf = (days: number) => ({ from: new Date(`${day(-(days - 1))}T00:00:00Z`), to: new Date(`${day(1)}T00:00:00Z`), timeZone: "Europe/Berlin" });
    const time = async (filter: ReturnType<typeof filterOf>) => {
      for (let i = 0; i < 3; i++) await lib.dashboardFigures(scope, filter);
      const samples: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        await lib.dashboardFigures(scope, filter);
        samples.push(performance.now() - started);
      }
      return summarize(samples);
    };
    const eightWeeks = filterOf(56);
    const before = lib.queryCount();
    const figures = await lib.dashboardFigures(scope, eightWeeks);
    const statements = lib.queryCount() - before;
    if (figures.loops.outcomes === 0) ctx.report.note("The default range holds no outcome: the bench data is not where the dashboard looks.");
    const recent = await time(eightWeeks);
    ctx.report.add({ key: "dashboard", label: "Dashboard figures, last 8 weeks, in-process (ms)", value: pick(recent, ["p50", "p95"]), note: `n=30, ${figures.loops.outcomes} outcomes, ${statements} SQL statements` });
    ctx.report.add({ key: "dashboard_p95", label: "Dashboard p95, last 8 weeks (ms)", value: round(recent.p95) });
    const year = await time(filterOf(365));
    ctx.report.add({ key: "dashboardYear", label: "Dashboard figures, whole year (100,000 reviews), in-process (ms)", value: pick(year, ["p50", "p95"]), note: "n=30" });

    const { client } = await ctx.app();
    const api: number[] = [];
    const health: number[] = [];
    const path = `/api/v1/metrics?workspace=${DASHBOARD_WORKSPACE}&tz=Europe%2FBerlin`;
    for (let i = 0; i < 33; i++) {
      const metrics = await client.request(path);
      if (!metrics.ok) throw new Error(`GET ${path} answered ${metrics.status}: ${metrics.body.slice(0, 300)}`);
      const ping = await client.request("/api/health");
      if (i >= 3) {
        api.push(metrics.ms);
        health.push(ping.ms);
      }
    }
    const apiSummary = summarize(api);
    const healthSummary = summarize(health);
    ctx.report.add({ key: "metricsApi", label: "GET /api/v1/metrics, last 8 weeks (ms)", value: pick(apiSummary, ["p50", "p95"]), note: "n=30, sequential, signed in" });
    ctx.report.add({ key: "metricsApiToHealth", label: "GET /api/v1/metrics ÷ GET /api/health (p50 ratio)", value: round(apiSummary.p50 / Math.max(healthSummary.p50, 0.1), 1), note: `health p50 ${round(healthSummary.p50)} ms` });
  },
};

const MEASUREMENTS: Measurement[] = [
  sqlStatementsPerBoardLoad,
  boardPage,
  boardJson,
  apiMoves,
  hotMoves,
  rawSqlMoves,
  apiToSqlRatio,
  specLintLatency,
  submissionPosts,
  liveUpdates,
  webhookAcks,
  pullRequestDiffs,
  reviewAttemptServer,
  reviewAttemptInteractive,
  verdictPosts,
  dashboardQueries,
  ...boardUiMeasurements({ workspace: WORKSPACE, board1k: BIG_BOARD, board5k: HUGE_BOARD, budgetMs: BOARD_UI_BUDGET_MS }),
];

// ---------------------------------------------------------------------------------------------
// Run.
// ---------------------------------------------------------------------------------------------

const started = Date.now();
let database: EmbeddedDatabase | undefined;
let ctx: BenchContext | undefined;
let closing: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  closing ??= (async () => {
    await ctx?.close().catch((error: unknown) => console.error("[bench] cleanup:", error));
    if (database) {
      log("Stopping PostgreSQL…");
      await database.stop().catch((error: unknown) => console.error("[bench] stopping PostgreSQL:", error));
    }
  })();
  return closing;
}

const watchdog = setTimeout(() => {
  console.error(`[bench] Gave up after ${OVERALL_TIMEOUT_MS / 1000}s.`);
  void cleanUp().finally(() => process.exit(1));
}, OVERALL_TIMEOUT_MS);
handleSignalsYourself();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

let exitCode = 0;
try {
  log("Starting the embedded PostgreSQL (.data/bench-pg)…");
  database = await startEmbeddedPostgres(PG_DATA_DIR, PG_PORT);
  const url = await database.ensureDatabase(DATABASE, { fresh: true });
  await applyMigrations(url);
  if (!(await seed(url))) throw new Error("The demo seed did not run on the fresh bench database.");
  log(`Seeding ${BOARDS.map((b) => `${b.key} (${b.tasks} tasks)`).join(", ")}…`);
  const seedStarted = performance.now();
  const seeded = await seedBenchBoards(url, WORKSPACE, DEMO_USERS.owner.email, BOARDS);
  log(`Seeded the boards in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);
  ctx = new BenchContext(url, seeded);

  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const chosen = MEASUREMENTS.filter((m) => only.length === 0 || only.some((word) => m.name.toLowerCase().includes(word)));
  if (chosen.length === 0) throw new Error(`No measurement's name contains ${only.join(" or ")}. Names: ${MEASUREMENTS.map((m) => m.name).join("; ")}`);
  for (const measurement of chosen) {
    log(`Measuring: ${measurement.name}…`);
    await measurement.run(ctx);
    ctx.noteRss(measurement.name);
  }
} catch (error) {
  console.error("[bench] failed:", error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack.split("\n").slice(1, 6).join("\n"));
  exitCode = 1;
} finally {
  await cleanUp();
  clearTimeout(watchdog);
}

if (ctx) {
  ctx.report.note(`Server pool: DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? "10 (default)"}; total run ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  console.log(ctx.report.table());
}
if (exitCode === 0 && ctx) console.log(ctx.report.json());
process.exit(exitCode);
