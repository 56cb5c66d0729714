"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import type { ReactNode } from "react";
import { cn } from "./cn";

// Tabs with the keyboard behaviour of the WAI-ARIA pattern (arrow keys, Home, End), from Radix.
// Two looks: "underline" for a view's sections, "pill" for small switches such as Write/Preview.

interface TabsProps<T extends string> {
  value: T;
  onValueChange: (value: T) => void;
  label: string;
  tabs: readonly { value: T; label: ReactNode }[];
  variant?: "underline" | "pill";
  className?: string;
  listClassName?: string;
  children: ReactNode;
}

export function Tabs<T extends string>({ value, onValueChange, label, tabs, variant = "underline", className, listClassName, children }: TabsProps<T>) {
  return (
    <RadixTabs.Root value={value} onValueChange={(next) => onValueChange(next as T)} className={className} activationMode="automatic">
      <RadixTabs.List
        aria-label={label}
        className={cn(variant === "underline" ? "flex gap-1 border-b border-zinc-200 dark:border-zinc-800" : "flex flex-wrap gap-1", listClassName)}
      >
        {tabs.map((tab) => (
          <RadixTabs.Trigger
            key={tab.value}
            value={tab.value}
            className={cn(
              variant === "underline"
                ? "-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 data-[state=active]:border-indigo-600 data-[state=active]:font-medium data-[state=active]:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:data-[state=active]:border-indigo-400 dark:data-[state=active]:text-zinc-100"
                : "rounded-md border border-zinc-200 px-2.5 py-1 text-sm hover:bg-zinc-50 data-[state=active]:border-indigo-500 data-[state=active]:bg-indigo-50 data-[state=active]:font-medium dark:border-zinc-700 dark:hover:bg-zinc-800 dark:data-[state=active]:bg-indigo-950",
            )}
          >
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {children}
    </RadixTabs.Root>
  );
}

/** The panel of one tab; only the active one is rendered. */
export function TabPanel({ value, children, className }: { value: string; children: ReactNode; className?: string }) {
  return (
    <RadixTabs.Content value={value} className={className}>
      {children}
    </RadixTabs.Content>
  );
}
