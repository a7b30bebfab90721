// Lighthouse (performance and accessibility) against a page, in a Chromium the caller started
// with a DevTools port: the bench injects a session into that browser first when the page
// needs one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse, { desktopConfig } from 'lighthouse';

export type Preset = 'mobile' | 'desktop';

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  /** Audits that failed, e.g. `color-contrast`, with Lighthouse's estimate when it gives one. */
  flagged: string[];
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number };
}

export async function runLighthouse(
  url: string,
  opts: {
    port: number;
    preset: Preset;
    keepStorage: boolean;
    /** Where to write the full HTML report (`<name>.html`), if anywhere. */
    report?: { dir: string; name: string };
  },
): Promise<LighthouseScores> {
  const result = await lighthouse(
    url,
    {
      port: opts.port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Keeps the session the bench put in localStorage (and skips no cache: none is warm yet).
      disableStorageReset: opts.keepStorage,
    },
    opts.preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (opts.report) writeFileSync(join(opts.report.dir, `${opts.report.name}.html`), String(result.report));
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  // Failed audits, opportunities (no weight in the score) included, insights (duplicates) not.
  const flagged = Object.values(lhr.categories)
    .flatMap((c) => c.auditRefs.map((r) => lhr.audits[r.id]))
    .filter((a) => a && a.score !== null && a.score < 0.9 && !a.id.endsWith('-insight'))
    .filter((a) => a!.scoreDisplayMode !== 'informative' && a!.scoreDisplayMode !== 'manual')
    .map((a) => `${a!.id}${a!.displayValue ? ` (${a!.displayValue})` : ''}`);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    flagged: [...new Set(flagged)],
    metrics: {
      fcpMs: numeric('first-contentful-paint'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
      cls: numeric('cumulative-layout-shift'),
    },
  };
}
