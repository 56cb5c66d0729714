import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Tx } from "./db";
import { env } from "./env";

// Live updates fan out through PostgreSQL LISTEN/NOTIFY: a write publishes inside its
// transaction (so nothing is announced unless it commits), and every app instance holds one
// listening connection that forwards notifications to its own browsers over SSE. Several
// instances behind a load balancer therefore all see every change.

export const CHANNEL = "baton_events";

export interface LiveEvent {
  workspaceId: string;
  boardId: string;
  taskId: string;
  type: string;
  actorId: string | null;
  version: number;
  /** When the change was recorded (ISO): the stream's event id, from which a reconnect replays. */
  at?: string;
  /**
   * Where the card stands after the change, so that an open board can patch a move in place and
   * fetch only the one card for anything else. Absent for changes that are not about one card
   * (a rebalanced cell): boards re-read then.
   */
  card?: { number: number; lane: string; status: string; position: string; deleted: boolean };
}

/** Sent to every stream when this instance's listener lost its connection: notifications may have been missed. */
export const GAP = "gap";

/**
 * Someone lost access: a sign-out ends one sign-in session (sessionId), a removal ends one
 * membership (workspaceId). Live streams of that person that it covers close at once.
 */
export interface AccessChange {
  kind: "access";
  userId: string;
  sessionId: string | null;
  workspaceId: string | null;
}

export async function publish(tx: Tx, event: LiveEvent | AccessChange): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`;
}

const userChannel = (userId: string) => `user:${userId}`;

const globalForRealtime = globalThis as unknown as { batonBus?: Bus };

class Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  /** Whether the listener has lost a connection since it last listened (changes in between went unheard). */
  private lost = false;

  /** Task changes in one workspace, on every instance; `onGap` when some may have gone unheard. */
  subscribe(workspaceId: string, listener: (event: LiveEvent) => void, onGap: () => void = () => {}): () => void {
    const stop = this.listen(workspaceId, listener);
    const stopGap = this.listen(GAP, onGap);
    return () => {
      stop();
      stopGap();
    };
  }

  /** Access changes for one person (sign-outs, removals), on every instance. */
  subscribeAccess(userId: string, listener: (change: AccessChange) => void): () => void {
    return this.listen(userChannel(userId), listener);
  }

  /**
   * Resolves once this instance is LISTENing (or has tried to and will retry): a stream that
   * answers only after this cannot miss a change made right after it opened.
   */
  ready(): Promise<void> {
    return this.ensureConnected();
  }

  private listen<T>(key: string, listener: (event: T) => void): () => void {
    this.emitter.on(key, listener);
    void this.ensureConnected();
    return () => {
      this.emitter.off(key, listener);
    };
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("notification", (message) => {
      if (!message.payload) return;
      try {
        const event = JSON.parse(message.payload) as LiveEvent | AccessChange;
        if ("kind" in event) this.emitter.emit(userChannel(event.userId), event);
        else this.emitter.emit(event.workspaceId, event);
      } catch {
        // A malformed payload is not ours; ignore it.
      }
    });
    const reconnect = () => {
      if (this.client !== client) return;
      this.client = null;
      this.lost = true;
      client.end().catch(() => {});
      setTimeout(() => void this.ensureConnected(), 1000).unref();
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      if (this.lost) {
        this.lost = false;
        this.emitter.emit(GAP);
      }
    } catch (error) {
      console.error("Live updates: could not listen on PostgreSQL, retrying", error);
      client.end().catch(() => {});
      setTimeout(() => void this.ensureConnected(), 2000).unref();
    }
  }
}

export function bus(): Bus {
  globalForRealtime.batonBus ??= new Bus();
  return globalForRealtime.batonBus;
}
