// One benchmark figure: what was measured beside the baseline measured in the same run.

export interface BenchFigure {
  /** What was measured, e.g. "SSE fan-out, 10,000 live clients". */
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, in words: "≥ 100,000/s", "≤ 2 ms". */
  target: string;
  /** Whether `value` meets the target. */
  met: boolean;
  /** Times and latencies: smaller is better, so the advantage over the baseline is baseline / value. */
  lowerIsBetter?: boolean;
  baseline?: { name: string; value: number; unit: string };
}

/** A benchmark module's default export. */
export type Bench = () => Promise<BenchFigure[]>;

export function formatFigure(f: BenchFigure): string {
  const fmt = (n: number) =>
    n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3).replace(/\.?0+$/, '');
  let line = `${f.met ? 'ok  ' : 'MISS'} ${f.name}: ${fmt(f.value)} ${f.unit} (target ${f.target})`;
  if (f.baseline) {
    const advantage = f.lowerIsBetter ? f.baseline.value / f.value : f.value / f.baseline.value;
    const verdict =
      advantage >= 1 ? `${advantage.toFixed(2)}× better` : `${(1 / advantage).toFixed(2)}× worse`;
    line += `\n     baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit} (${verdict})`;
  }
  return line;
}
