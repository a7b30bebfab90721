// Run-now options from a job's parameter schema (JSON schema of an object): one text or
// number field per property, empty meaning the job's default.

export interface ParamField {
  readonly name: string;
  readonly kind: 'text' | 'number';
  /** What the job uses when the field is left empty. */
  readonly defaultValue: string | undefined;
  readonly description: string | undefined;
}

interface PropertySchema {
  type?: string;
  default?: unknown;
  description?: string;
}

export function paramFields(schema: unknown): ParamField[] {
  const properties = (schema as { properties?: Record<string, PropertySchema> } | null)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, p]) => p.type === 'string' || p.type === 'integer' || p.type === 'number')
    .map(([name, p]) => ({
      name,
      kind: p.type === 'string' ? 'text' : 'number',
      defaultValue: p.default !== undefined ? String(p.default) : undefined,
      description: p.description,
    }));
}

/** The parameters to send: filled fields only, numbers as numbers (the server validates them). */
export function paramsFrom(
  fields: readonly ParamField[],
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.name]?.trim() ?? '';
    if (raw === '') continue;
    const n = Number(raw);
    out[f.name] = f.kind === 'number' && raw !== '' && Number.isFinite(n) ? n : raw;
  }
  return out;
}
