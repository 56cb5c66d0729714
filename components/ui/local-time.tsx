"use client";

import { useHydrated } from "./use-hydrated";

/**
 * A moment in the reader's own time zone and locale. The server knows neither, so what it renders
 * (and what hydration must match) is the UTC time; the browser's local time follows at once. Written
 * with `toLocaleString()` straight in a server-rendered component, the two differ whenever the
 * reader is not in the server's time zone, and React throws the page's markup away (error #418).
 */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  return <time dateTime={iso}>{hydrated ? new Date(iso).toLocaleString() : `${iso.slice(0, 16).replace("T", " ")} UTC`}</time>;
}
