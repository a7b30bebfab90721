// Rendering of the SQL snapshots (see sql-snapshots.test.ts).

/** A statement as a reader wants it: no surrounding blank lines, common indentation removed. */
export function tidySql(text: string): string {
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const indents = lines.filter((line) => line !== '').map((line) => line.length - line.trimStart().length);
  const indent = Math.min(...indents);
  return lines.map((line) => line.slice(indent)).join('\n');
}

/**
 * The `.sql` file of one `*.queries.ts` module: every exported object of query texts, each
 * statement under its `-- EXPORT.name` heading, in declaration order.
 */
export function renderSqlSnapshot(source: string, module: Record<string, unknown>): string {
  const sections: string[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (typeof value !== 'object' || value === null) {
      throw new Error(`${source}: export ${exportName} is not an object of query texts`);
    }
    for (const [name, text] of Object.entries(value)) {
      if (typeof text !== 'string') throw new Error(`${source}: ${exportName}.${name} is not a query text`);
      sections.push(`-- ${exportName}.${name}\n${tidySql(text)};\n`);
    }
  }
  if (sections.length === 0) throw new Error(`${source} exports no queries`);
  const header = [
    `-- The SQL of ${source}, statement by statement, as sent ($1, $2, ... are bound values).`,
    '-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run',
    '-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.',
    '',
  ];
  return `${[...header, ...sections].join('\n')}`;
}

/** Calls of `.query(` / `.exec(` whose SQL is a string literal: `line: code` of each. */
export function sqlLiteralCalls(code: string): string[] {
  const lines = code.split('\n');
  return [...code.matchAll(/\.(?:query|exec)(?:<[^>()]*>)?\(\s*[`'"]/g)].map((m) => {
    const n = code.slice(0, m.index).split('\n').length;
    return `${n}: ${lines[n - 1]?.trim()}`;
  });
}
