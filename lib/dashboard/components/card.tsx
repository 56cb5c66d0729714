/** A dashboard panel: a titled section holding a chart and its table, or a table alone. */
export function Card({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 className="text-sm font-semibold">{title}</h3>
      {description && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A group of panels under its own heading. */
export function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="mt-8">
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** Headline figures in a row of tiles. */
export function Stats({ label, stats, columns = 4 }: { label: string; stats: [string, string, string][]; columns?: 4 | 5 }) {
  return (
    <dl aria-label={label} className={`grid grid-cols-2 gap-3 ${columns === 5 ? "md:grid-cols-5" : "md:grid-cols-4"}`}>
      {stats.map(([name, value, hint]) => (
        <div key={name} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{name}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          <dd className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>
        </div>
      ))}
    </dl>
  );
}
