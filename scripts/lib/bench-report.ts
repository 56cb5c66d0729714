// Figures of `npm run bench`: latency summaries, and the report printed at the end as a table
// followed by one line of JSON (the last line of the output, for tools that parse it).

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The summary fields a figure publishes, rounded to 0.1 ms. */
export function pick<K extends keyof Summary>(summary: Summary, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, round(summary[k])])) as Record<K, number>;
}

export type FigureValue = number | Record<string, number | string>;

export interface Figure {
  /** Key in the JSON line. Keep stable: other tools read it. */
  key: string;
  /** Row label in the table. */
  label: string;
  value: FigureValue;
  /** Shown after the value in the table only (sample size, caveats). */
  note?: string;
}

export class Report {
  private readonly figures: Figure[] = [];
  private readonly notes: string[] = [];

  add(figure: Figure): void {
    if (this.figures.some((f) => f.key === figure.key)) throw new Error(`Figure ${figure.key} reported twice.`);
    this.figures.push(figure);
  }

  get(key: string): FigureValue | undefined {
    return this.figures.find((f) => f.key === key)?.value;
  }

  /** A finding to print under the table (e.g. errors seen), not part of the JSON. */
  note(text: string): void {
    this.notes.push(text);
  }

  table(): string {
    const width = Math.max(...this.figures.map((f) => f.label.length), 10);
    const format = (value: FigureValue) =>
      typeof value === "number"
        ? formatNumber(value)
        : Object.entries(value)
            .map(([k, v]) => `${k} ${typeof v === "number" ? formatNumber(v) : v}`)
            .join("   ");
    const lines = this.figures.map((f) => `  ${f.label.padEnd(width)}  ${format(f.value)}${f.note ? `   (${f.note})` : ""}`);
    const rule = `  ${"─".repeat(Math.max(...lines.map((l) => l.length - 2), 40))}`;
    const out = ["", "Baton benchmark", rule, ...lines, rule];
    if (this.notes.length) out.push("", "Notes", ...this.notes.map((n) => `  - ${n}`));
    return out.join("\n");
  }

  /** One line; NaN (no sample) becomes null. */
  json(): string {
    return JSON.stringify(Object.fromEntries(this.figures.map((f) => [f.key, f.value])), (_key, v: unknown) =>
      typeof v === "number" && !Number.isFinite(v) ? null : v,
    );
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
