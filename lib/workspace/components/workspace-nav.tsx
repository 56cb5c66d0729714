"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { Badge } from "@/components/ui/misc";
import type { Principal } from "@/lib/core/roles";

interface Props {
  slug: string;
  name: string;
  role: Principal;
  boards: { key: string; name: string }[];
  /** Attempts waiting for a verdict. */
  reviewCount: number;
  /** People in an active leverage session. */
  inSession: number;
}

export function WorkspaceNav({ slug, name, role, boards, reviewCount, inSession }: Props) {
  const pathname = usePathname();
  const tab = (href: string, label: string, extra?: string, count?: number) => {
    const active = pathname === href || pathname.startsWith(`${href}/`);
    return (
      <Link
        key={href}
        href={href}
        aria-current={active ? "page" : undefined}
        className={cn(
          "rounded-md px-2.5 py-1 text-sm whitespace-nowrap",
          active ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
        )}
      >
        {extra && <span className="mr-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">{extra}</span>}
        {label}
        {count !== undefined && (
          <span className="ml-1.5 rounded-full bg-indigo-100 px-1.5 text-xs font-semibold text-indigo-900 tabular-nums dark:bg-indigo-900 dark:text-indigo-100">{count}</span>
        )}
      </Link>
    );
  };
  return (
    <nav aria-label="Workspace" className="border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex h-11 items-center gap-3 overflow-x-auto">
        <Link href={`/w/${slug}`} className="text-sm font-semibold whitespace-nowrap">
          {name}
        </Link>
        <Badge>{role}</Badge>
        <span className="h-5 w-px bg-zinc-200 dark:bg-zinc-700" aria-hidden />
        {boards.map((b) => tab(`/w/${slug}/b/${b.key}`, b.name, b.key))}
        <span className="ml-auto" />
        {tab(`/w/${slug}/dashboard`, "Dashboard")}
        {tab(`/w/${slug}/sessions`, "Sessions", undefined, inSession || undefined)}
        {tab(`/w/${slug}/review`, "Review", undefined, reviewCount)}
        {tab(`/w/${slug}/settings`, "Settings")}
      </div>
    </nav>
  );
}
