#!/usr/bin/env node
// Prints the gzipped size of the initial JavaScript (the scripts index.html loads) against
// the 150 KB budget of issue 10, and fails the build when it is over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
  (m) => m[1],
);
const BUDGET = 150 * 1024;
let total = 0;
for (const file of new Set(scripts)) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  process.stdout.write(`web: ${file} ${(size / 1024).toFixed(1)} KB gzipped\n`);
}
process.stdout.write(
  `web: initial JS ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)\n`,
);
if (total > BUDGET) {
  process.stderr.write('web: initial JS is over budget' + '\n');
  process.exit(1);
}
