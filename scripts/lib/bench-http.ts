// HTTP side of `npm run bench`: the production server as a child process, a signed-in client
// with a cookie jar, timed requests and a fixed-size pool of concurrent workers.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { nextBin, waitForHealthy } from "./app-env";
import { projectRoot } from "./database";

const REQUEST_TIMEOUT_MS = 30_000;

export interface AppServer {
  baseUrl: string;
  /** Server output lines that look like errors, for the report. */
  errorLines: () => string[];
  /** The last lines the server printed, for failure messages. */
  tail: (lines?: number) => string;
  /**
   * Peak resident memory so far (kB): the largest VmHWM of the server process and its
   * descendants, read now and every few seconds since the start (a child that has exited
   * keeps the peak it had when last read).
   */
  peakRssKb: () => number;
  stop: () => Promise<void>;
}

const RSS_POLL_MS = 2_000;

/**
 * `next start` on `port` against the given database, resolved once /api/health answers.
 * BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * (Node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function startAppServer(port: number, env: Record<string, string>, timeoutMs = 60_000): Promise<AppServer> {
  const baseUrl = `http://localhost:${port}`;
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(port)], {
    cwd: projectRoot,
    env: { ...process.env, ...env, NEXTAUTH_URL: baseUrl, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it also stops anything it forked.
    detached: true,
  });
  const output: string[] = [];
  const errors: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 400) output.shift();
      if (/error|exception|unhandled|P20\d\d/i.test(line) && errors.length < 200) errors.push(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // If this process dies without the finally blocks running, do not leave the server behind.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  const tail = (lines = 40) => output.slice(-lines).join("\n");
  let stopped = false;
  // A server that dies mid-run makes every later request fail with ECONNREFUSED: say why.
  child.once("exit", (code, signal) => {
    if (!stopped) errors.unshift(`next start exited during the run (code ${code}, signal ${signal}); its last lines: ${output.slice(-5).join(" | ")}`);
  });
  let peakKb = 0;
  const peakRssKb = () => {
    if (child.pid !== undefined) peakKb = Math.max(peakKb, ...processTree(child.pid).map(highWaterMarkKb));
    return peakKb;
  };
  const rssPoll = setInterval(peakRssKb, RSS_POLL_MS);
  rssPoll.unref();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(rssPoll);
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await Promise.race([
      waitForHealthy(baseUrl, timeoutMs),
      exited.then((code) => {
        throw new Error(`next start exited with code ${code} before it became healthy.`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${tail()}`);
  }
  return { baseUrl, errorLines: () => [...errors], tail, peakRssKb, stop };
}

/** `pid` and its descendants, from /proc (Linux); gone processes are skipped. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${tree[i]}/task`)) {
        const children = readFileSync(`/proc/${tree[i]}/task/${task}/children`, "utf8").trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile
    }
  }
  return tree;
}

/** VmHWM, the peak resident set size of a process (kB), or 0 when it is gone. */
function highWaterMarkKb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+)\s+kB/m);
    return line ? Number(line[1]) : 0;
  } catch {
    return 0;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export interface TimedResponse {
  status: number;
  ok: boolean;
  body: string;
  /** From sending the request to having read the whole body. */
  ms: number;
}

/** A client with a cookie jar. Node's fetch (undici) keeps connections alive by default. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<TimedResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? "GET",
      body: init.body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.text();
    const ms = performance.now() - started;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return { status: response.status, ok: response.status >= 200 && response.status < 300, body, ms };
  }

  /** The jar as a Cookie header, for requests made outside this client. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async json<T>(path: string): Promise<T> {
    const response = await this.request(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
    return JSON.parse(response.body) as T;
  }

  /** Opens a server-sent event stream with this client's cookies; events queue until read. */
  async events(path: string): Promise<EventStream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(`${this.baseUrl}${path}`, { headers, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`GET ${path} answered ${response.status}`);
    return new EventStream(response.body, controller);
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  /** Signs in with next-auth's credentials provider, as the sign-in form does. */
  async signIn(email: string, password: string): Promise<void> {
    const { csrfToken } = await this.json<{ csrfToken: string }>("/api/auth/csrf");
    const callback = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    });
    const session = await this.json<{ user?: { email?: string } }>("/api/auth/session");
    if (!this.hasCookie("next-auth.session-token") || session.user?.email !== email) {
      throw new Error(
        `Sign-in as ${email} failed: the callback answered ${callback.status} (${callback.body.slice(0, 200)}), ` +
          `session cookie ${this.hasCookie("next-auth.session-token") ? "set" : "missing"}, /api/auth/session says ${JSON.stringify(session)}.`,
      );
    }
  }
}

/** Runs `count` sequential requests and returns their timings; any non-2xx aborts the series. */
export async function timedSeries(client: HttpClient, path: string, count: number, warmups: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmups + count; i++) {
    const response = await client.request(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
    if (i >= warmups) samples.push(response.ms);
  }
  return samples;
}

export interface LoadResult<R> {
  results: R[];
  wallMs: number;
}

/**
 * `workers` concurrent loops; worker w runs jobs w*perWorker … (w+1)*perWorker-1 one after the
 * other. A fixed amount of work, so the run is bounded whatever the latencies.
 */
export async function runConcurrent<J, R>(jobs: readonly J[], workers: number, run: (job: J) => Promise<R>): Promise<LoadResult<R>> {
  const perWorker = Math.ceil(jobs.length / workers);
  const results: R[] = new Array(jobs.length);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w * perWorker; i < Math.min(jobs.length, (w + 1) * perWorker); i++) {
        results[i] = await run(jobs[i] as J);
      }
    }),
  );
  return { results, wallMs: performance.now() - started };
}

export interface ServerEvent {
  event: string;
  data: string;
  /** performance.now() when the event's last line arrived. */
  at: number;
}

/** A parsed text/event-stream: `next(match)` resolves with the first queued or coming event that matches. */
export class EventStream {
  private readonly queue: ServerEvent[] = [];
  private readonly waiters: { match: (e: ServerEvent) => boolean; resolve: (e: ServerEvent) => void }[] = [];

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
  ) {
    void this.read(body);
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
          const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
          if (event) this.push({ event, data, at: performance.now() });
        }
      }
    } catch {
      // aborted by close()
    }
  }

  private push(event: ServerEvent) {
    const waiter = this.waiters.findIndex((w) => w.match(event));
    if (waiter >= 0) this.waiters.splice(waiter, 1)[0]?.resolve(event);
    else this.queue.push(event);
  }

  next(match: (event: ServerEvent) => boolean, timeoutMs: number): Promise<ServerEvent | null> {
    const queued = this.queue.findIndex(match);
    if (queued >= 0) return Promise.resolve(this.queue.splice(queued, 1)[0] ?? null);
    return new Promise((resolve) => {
      const waiter = { match, resolve: (e: ServerEvent | null) => (clearTimeout(timer), resolve(e)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(null);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  close() {
    this.controller.abort();
  }
}
