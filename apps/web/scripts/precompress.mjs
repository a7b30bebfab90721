#!/usr/bin/env node
// Writes `<file>.br` and `<file>.gz` beside each text file of the build that is worth
// compressing, so the server does not compress the client every time it starts (it did:
// about 0.2 s of CPU per start). The server uses them when they are at least as new as the
// file and compresses at start otherwise; its rule (text types, 1 KB and up) is the same.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(html|js|css|svg|json|webmanifest|txt)$/;
const MIN_BYTES = 1024;

/** Whole or not at all: a server starting meanwhile never reads half a file. */
const write = (path, data) => {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
};

let files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TEXT.test(name)) {
      const body = readFileSync(path);
      if (body.length < MIN_BYTES) continue;
      write(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      write(`${path}.gz`, gzipSync(body, { level: 9 }));
      files += 1;
    }
  }
};
walk(dist);
process.stdout.write(`web: precompressed ${files} files (brotli 11, gzip 9)\n`);
