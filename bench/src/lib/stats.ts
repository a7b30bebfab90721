/** Percentiles of a sample (ms), sorted once. */
export function percentiles(samples: number[], ps: number[] = [50, 95, 99]): Record<string, number> {
  const sorted = Float64Array.from(samples).sort();
  const out: Record<string, number> = {};
  for (const p of ps) {
    const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    out[`p${p}`] = sorted.length === 0 ? Number.NaN : Math.round(sorted[idx]! * 100) / 100;
  }
  return out;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
