// The daily figures as a line chart (uPlot, loaded with this screen only: it is not in the
// first bundle). The table beside it carries the same numbers for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import type { StatsSeries } from '../state/runs.ts';

interface Labels {
  day: string;
  direct: string;
  group: string;
  active: string;
}

interface Props {
  series: StatsSeries;
  labels: Labels;
  /** The days shown, YYYY-MM-DD (the x axis spans them whatever days have figures). */
  from: string;
  to: string;
}

export function StatsChart({ series, labels, from, to }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let live = true;
    const el = host.current;
    if (!el) return;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live) return;
      const width = Math.max(280, Math.min(el.clientWidth, 720));
      chart = new UPlot(
        {
          width,
          height: 220,
          series: [
            { label: labels.day },
            { label: labels.direct, stroke: '#3a6ea5', width: 2 },
            { label: labels.group, stroke: '#c97a00', width: 2 },
            { label: labels.active, stroke: '#2e7d32', width: 2, scale: 'users' },
          ],
          axes: [{}, { label: '' }, { side: 1, scale: 'users', grid: { show: false } }],
          scales: {
            x: {
              time: true,
              range: [Date.parse(`${from}T00:00:00Z`) / 1000, Date.parse(`${to}T00:00:00Z`) / 1000],
            },
          },
        },
        [series.x, series.direct, series.group, series.active],
        el,
      );
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [series, labels, from, to]);
  return <div class="stats-chart" ref={host} aria-hidden="true" />;
}
