"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The dashboard's charts (recharts). Each is decoration for sighted readers: the same numbers
// stand in a table right under it, which is what screen readers and tests read.

const AXIS = { fontSize: 12, fill: "currentColor" } as const;

export function DistributionChart({ data }: { data: { bucket: string; tasks: number }[] }) {
  const rows = data.map((d) => ({ label: d.bucket === "rejected" ? "Rejected" : `${d.bucket} ${d.bucket === "1" ? "loop" : "loops"}`, tasks: d.tasks, rejected: d.bucket === "rejected" }));
  return (
    <div aria-hidden className="h-48 text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} strokeOpacity={0.2} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} />
          <Bar dataKey="tasks" name="Tasks" fill="#6366f1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function WeeklyChart({ data }: { data: { week: string; outcomes: number; firstPass: number; meanLoops: number }[] }) {
  const rows = data.map((w) => ({ week: w.week.slice(5), "First-pass %": w.outcomes ? Math.round((w.firstPass / w.outcomes) * 100) : 0, "Mean loops": Number(w.meanLoops.toFixed(2)) }));
  return (
    <div aria-hidden className="h-48 text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} strokeOpacity={0.2} />
          <XAxis dataKey="week" tick={AXIS} tickLine={false} />
          <YAxis yAxisId="pct" domain={[0, 100]} tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis yAxisId="loops" orientation="right" domain={[0, 2]} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip />
          <Line yAxisId="pct" type="monotone" dataKey="First-pass %" stroke="#10b981" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="loops" type="monotone" dataKey="Mean loops" stroke="#6366f1" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface BarSeries {
  key: string;
  name: string;
  color: string;
  /** Bars with the same stack id pile up. */
  stack?: string;
}

/** Bars per category (`label`), one or several series, stacked or side by side. */
export function BarsChart({ data, series, unit }: { data: ({ label: string } & Record<string, number | string>)[]; series: BarSeries[]; unit?: string }) {
  return (
    <div aria-hidden className="h-48 text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} strokeOpacity={0.2} />
          {/* Every category named; long names cut so that neighbours do not run together (the table below has them whole). */}
          <XAxis dataKey="label" tick={AXIS} tickLine={false} interval={0} tickFormatter={(label: string) => (label.length > 11 ? `${label.slice(0, 9)}…` : label)} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} unit={unit} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stack} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
