// Metric names used by PromQL expressions (Grafana panels, Prometheus rules), for the test that
// checks the platform emits every one of them. A reader of expressions, not a PromQL parser.

const NOT_METRICS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** Names of the series an expression selects (functions, keywords and label names left out). */
export function metricNames(expr: string): string[] {
  const labelValues = [...expr.matchAll(/label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)/g)].map((m) => m[1]!);
  const cleaned = expr
    .replace(/label_values\([^)]*\)/g, ' ')
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...cleaned.matchAll(/(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*/g)]
    .filter(
      (m) =>
        !cleaned
          .slice(m.index + m[0].length)
          .trimStart()
          .startsWith('('),
    )
    .map((m) => m[0])
    .filter((n) => !NOT_METRICS.has(n.toLowerCase()));
  return [...new Set([...labelValues, ...names])];
}

/** Every PromQL string of a Grafana dashboard: panel targets and templating queries. */
export function dashboardExpressions(dashboard: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'expr' || key === 'query' || key === 'definition') out.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, k);
    }
  };
  walk(dashboard);
  // The datasource variable's query is a plugin type, not PromQL.
  return out.filter((e) => e !== 'prometheus');
}

/** The `expr:` lines of a Prometheus rules file (kept one expression per line there). */
export function ruleExpressions(yaml: string): string[] {
  return [...yaml.matchAll(/^\s*expr:\s*(.+?)\s*$/gm)].map((m) => m[1]!.replace(/^(['"])(.*)\1$/, '$2'));
}

/** Names of the samples in a Prometheus text exposition (`name{labels} value`). */
export function sampleNames(exposition: string): Set<string> {
  return new Set(
    exposition
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(l)?.[0] ?? ''),
  );
}
