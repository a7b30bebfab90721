export interface Series {
  name: string;
  points: { x: number; y: number; low?: number; high?: number }[];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** 'log' draws the y axis on a log10 scale (latencies that span 5 ms..2 s). Default 'linear'. */
  yScale?: 'linear' | 'log';
  /** Optional horizontal reference line, e.g. a 50 ms target. */
  reference?: { y: number; label: string };
  /** Only whole numbers on the x axis (counts, such as nodes). */
  xWhole?: boolean;
  width?: number; // default 720
  height?: number; // default 420
}

/** Okabe–Ito colours (yellow left out: too faint on white), with a dash pattern each for greyscale. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 4', '14 4', '2 2 6 2'];
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
const px = (v: number): string => String(Math.round(v * 10) / 10);
const trim = (v: number): string => String(Number.parseFloat(v.toPrecision(6)));
const clean = (v: number): number => Number.parseFloat(v.toPrecision(12));

function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

interface Axis {
  ticks: number[];
  /** Position of a value along the axis, 0..1. */
  at: (v: number) => number;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function linearAxis(min: number, max: number, count: number, minStep = 0): Axis {
  if (max === min) [min, max] = min === 0 ? [0, 1] : [min - Math.abs(min) / 2, max + Math.abs(max) / 2];
  const step = Math.max(minStep, niceStep((max - min) / Math.max(1, count)));
  const lo = clean(Math.floor(clean(min / step)) * step);
  const hi = clean(Math.ceil(clean(max / step)) * step);
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) ticks.push(clean(lo + i * step));
  return { ticks, at: (v) => (v - lo) / (hi - lo) };
}

function logAxis(min: number, max: number, count: number): Axis {
  if (max === min) [min, max] = [min / 2, max * 2];
  const a = Math.floor(Math.log10(min) + 1e-9);
  const b = Math.ceil(Math.log10(max) - 1e-9);
  const candidates: number[] = [];
  for (let e = a; e <= b; e++) for (const m of [1, 2, 5]) candidates.push(clean(m * 10 ** e));
  const lo125 = candidates.filter((t) => t <= min * (1 + 1e-9)).pop() ?? 10 ** a;
  const hi125 = candidates.find((t) => t >= max * (1 - 1e-9)) ?? 10 ** b;
  let ticks = candidates.filter((t) => t >= lo125 && t <= hi125);
  if (ticks.length > count) {
    const every = Math.ceil((b - a + 1) / Math.max(2, count));
    ticks = [];
    for (let e = a; e <= b; e += every) ticks.push(clean(10 ** e));
  }
  const lo = Math.log10(ticks[0] ?? min);
  const hi = Math.log10(ticks[ticks.length - 1] ?? max);
  return { ticks, at: (v) => (Math.log10(v) - lo) / (hi - lo || 1) };
}

/** Renders a line chart (error bars, log or linear y, optional reference line) as a standalone SVG string. */
export function lineChart(options: ChartOptions): string {
  const { title, xLabel, yLabel, series, reference } = options;
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const log = options.yScale === 'log';
  const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  const pointsOf = series.map((s) => s.points.filter((p) => finite(p.x) && finite(p.y)));
  const all = pointsOf.flat();
  const ys = all.flatMap((p) => [p.y, p.low, p.high]).filter(finite);
  const ref = reference && finite(reference.y) ? reference : undefined;
  if (ref) ys.push(ref.y);
  const positives = ys.filter((v) => v > 0);
  const floorY = positives.length > 0 ? Math.min(...positives) : 1;
  const fy = (v: number): number => (log ? Math.max(v, floorY) : v);
  const xs = all.map((p) => p.x);

  // Layout: legend to the right of the plot, left margin sized to the widest y tick label.
  const charW = 7;
  const legendW = Math.min(width * 0.35, 44 + charW * Math.max(0, ...series.map((s) => s.name.length)));
  const top = 48;
  const bottom = height - 52;
  const plotH = bottom - top;
  const yVals = ys.map(fy);
  const yAxis =
    yVals.length === 0
      ? log
        ? logAxis(1, 10, 10)
        : linearAxis(0, 1, 5)
      : log
        ? logAxis(Math.min(...yVals), Math.max(...yVals), Math.floor(plotH / 24))
        : linearAxis(Math.min(0, ...yVals), Math.max(...yVals), Math.floor(plotH / 60));
  const left = 34 + charW * Math.max(...yAxis.ticks.map((t) => compact(t).length));
  const right = width - legendW - 20;
  const plotW = right - left;
  const xAxis =
    xs.length === 0
      ? linearAxis(0, 1, 5)
      : linearAxis(
          Math.min(...xs),
          Math.max(...xs),
          Math.max(2, Math.floor(plotW / 90)),
          options.xWhole ? 1 : 0,
        );
  const X = (v: number): string => px(left + xAxis.at(v) * plotW);
  const tickY = (v: number): string => px(bottom - yAxis.at(v) * plotH);
  const Y = (v: number): string => tickY(fy(v));

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12" fill="#222" role="img">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="26" font-size="16" font-weight="600">${esc(title)}</text>`,
  ];
  for (const t of yAxis.ticks) {
    out.push(`<line x1="${left}" x2="${right}" y1="${tickY(t)}" y2="${tickY(t)}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${left - 8}" y="${tickY(t)}" dy="0.35em" text-anchor="end">${esc(compact(t))}</text>`);
  }
  for (const t of xAxis.ticks) {
    out.push(`<line x1="${X(t)}" x2="${X(t)}" y1="${top}" y2="${bottom}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${X(t)}" y="${bottom + 18}" text-anchor="middle">${esc(compact(t))}</text>`);
  }
  out.push(`<path d="M${left} ${top}V${bottom}H${right}" fill="none" stroke="#444"/>`);
  out.push(
    `<text x="${px((left + right) / 2)}" y="${height - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(18 ${px((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  if (ref) {
    out.push(
      `<line x1="${left}" x2="${right}" y1="${Y(ref.y)}" y2="${Y(ref.y)}" stroke="#666" stroke-dasharray="6 4"/>`,
    );
    out.push(
      `<text x="${left + 6}" y="${px(Number(Y(ref.y)) - 5)}" fill="#555" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(ref.label)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] ?? '#000';
    const dash = DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : '';
    const pts = pointsOf[i] ?? [];
    const ly = top + 8 + i * 20;
    out.push(`<g stroke="${colour}" fill="${colour}">`);
    if (pts.length > 1) {
      const coords = pts.map((p) => `${X(p.x)},${Y(p.y)}`).join(' ');
      out.push(`<polyline points="${coords}" fill="none" stroke-width="2"${dash}/>`);
    }
    for (const p of pts) {
      if (finite(p.low) && finite(p.high)) {
        const [x, x0, x1] = [Number(X(p.x)), Number(X(p.x)) - 3, Number(X(p.x)) + 3];
        const [y0, y1] = [Y(p.low), Y(p.high)];
        out.push(
          `<path d="M${x} ${y0}V${y1}M${x0} ${y0}H${x1}M${x0} ${y1}H${x1}" fill="none" stroke-width="1.2"/>`,
        );
      }
      out.push(`<circle cx="${X(p.x)}" cy="${Y(p.y)}" r="3.5" stroke="#fff"/>`);
    }
    out.push(`<line x1="${right + 20}" x2="${right + 44}" y1="${ly}" y2="${ly}" stroke-width="2"${dash}/>`);
    out.push(`<circle cx="${right + 32}" cy="${ly}" r="3.5" stroke="#fff"/>`);
    out.push(
      `<text x="${right + 50}" y="${ly}" dy="0.35em" stroke="none" fill="#222">${esc(s.name)}</text></g>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
