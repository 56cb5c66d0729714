import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// The time writes record. Always the real time, except inside `atTime`, which the demo seed uses
// to replay weeks of history through the same mutations people and agents call (so the demo
// follows the real rules), each step at its own moment.
const frozen = new AsyncLocalStorage<number>();

export function now(): Date {
  const at = frozen.getStore();
  return new Date(at ?? Date.now());
}

export function atTime<T>(at: Date | number, run: () => Promise<T>): Promise<T> {
  return frozen.run(typeof at === "number" ? at : at.getTime(), run);
}
