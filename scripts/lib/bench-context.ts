// What a measurement of `npm run bench` is and what it may use. The full context is the
// BenchContext class in scripts/bench.ts; measurements kept in other files ask for the part they
// use (`BenchServices`), so that they need not import the script, which runs the bench when loaded.
import type { Browser } from "@playwright/test";
import type { AppServer, HttpClient } from "./bench-http";
import type { Report } from "./bench-report";

export interface Measurement<Context> {
  /** `npm run bench -- <words>` runs the measurements whose names contain one of the words. */
  name: string;
  run: (ctx: Context) => Promise<void>;
}

export interface BenchServices {
  readonly report: Report;
  /** The production server, with a client signed in as the demo owner. */
  app(): Promise<{ server: AppServer; client: HttpClient }>;
  /** Headless Chromium, shared by the browser measurements and closed at the end. */
  browser(): Promise<Browser>;
  /** How many tasks the bench seeded on board `key`. */
  boardSize(key: string): number;
}
