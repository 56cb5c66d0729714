"use client";

import { useSyncExternalStore } from "react";
import type { Phase } from "../rules";
import type { SessionView } from "../types";

/** "1:05:09" or "12:04". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

const everySecond = (onChange: () => void) => {
  const timer = setInterval(onChange, 1000);
  return () => clearInterval(timer);
};
const never = () => () => {};
const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

/**
 * Time per phase as of now: the server's totals (up to when they were read, `readAt` on this
 * clock) plus the time since, for the running stretch. It comes from the server's stretches, so it
 * survives a reload; the server's HTML shows the totals, and the browser counts on from there.
 */
export function useSessionTime(time: SessionView["time"], phase: Phase, readAt: number): { perPhase: Record<Phase, number>; total: number } {
  const now = useSyncExternalStore(time.runningSince ? everySecond : never, wholeSecond, () => null);
  const perPhase = { ...time.perPhase };
  if (time.runningSince && now !== null) perPhase[phase] += Math.max(0, now - readAt);
  return { perPhase, total: Object.values(perPhase).reduce((a, b) => a + b, 0) };
}
