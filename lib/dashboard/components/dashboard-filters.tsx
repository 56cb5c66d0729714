"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

/**
 * The range and board, kept in the URL (a plain GET form: it works before the script runs). The
 * reader's time zone joins the URL once the script runs, so weeks start on their Monday.
 */
export function DashboardFilters({ from, to, board, boards }: { from: string; to: string; board: string; boards: { key: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    if (params.get("tz")) return;
    const next = new URLSearchParams(params);
    next.set("tz", Intl.DateTimeFormat().resolvedOptions().timeZone);
    router.replace(`${pathname}?${next}`);
  }, [params, pathname, router]);
  return (
    <form method="get" aria-label="Dashboard filters" className="flex flex-wrap items-end gap-3">
      <Field label="From">{(props) => <Input {...props} type="date" name="from" defaultValue={from} className="w-40" />}</Field>
      <Field label="To">{(props) => <Input {...props} type="date" name="to" defaultValue={to} className="w-40" />}</Field>
      <Field label="Board">
        {(props) => (
          <Select {...props} name="board" defaultValue={board} className="w-48">
            <option value="">All boards</option>
            {boards.map((b) => (
              <option key={b.key} value={b.key}>
                {b.key} · {b.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <input type="hidden" name="tz" value={params.get("tz") ?? ""} />
      <Button type="submit" variant="primary">
        Apply
      </Button>
      {/* The rows behind the figures shown: the filters as they stand in the URL. */}
      <a href={`${pathname}/export.csv?${params}`} download className={buttonClass("secondary")}>
        Export CSV
      </a>
    </form>
  );
}
