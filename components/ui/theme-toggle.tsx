"use client";

import { useTheme } from "next-themes";
import { useHydrated } from "./use-hydrated";

const NEXT: Record<string, string> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<string, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

/** Cycles system → light → dark. */
export function ThemeToggle() {
  const { theme = "system", setTheme } = useTheme();
  // The stored theme is known only in the browser; render the neutral label on the server.
  const mounted = useHydrated();
  const current = mounted ? theme : "system";
  return (
    <button
      type="button"
      onClick={() => setTheme(NEXT[current] ?? "system")}
      className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      aria-label={`${LABEL[current]} (switch theme)`}
    >
      <span aria-hidden>{current === "dark" ? "☾" : current === "light" ? "☀" : "◐"}</span>
      <span className="hidden sm:inline">{current === "system" ? "Auto" : current === "dark" ? "Dark" : "Light"}</span>
    </button>
  );
}
