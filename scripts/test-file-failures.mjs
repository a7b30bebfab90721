// A second test reporter (scripts/test.mjs adds it after `spec`): when a test file fails as a
// whole (its process exited non-zero or was killed, so no test in it says why), it prints, after
// the summary, how the process ended and the last lines the file wrote. A CI log is often read
// from its end; without this, such a failure shows only `'test failed'`.
import { resolve } from 'node:path';

const KEEP_LINES = 60;

export default async function* fileFailures(source) {
  /** file → its last lines of output (stdout, stderr, diagnostics), in order. */
  const output = new Map();
  const failed = [];
  const keep = (file, text) => {
    if (!file) return;
    // Node 24 names the file relative to the working directory in some events, absolute in others.
    file = resolve(file);
    const lines = output.get(file) ?? [];
    lines.push(...text.replace(/\n$/, '').split('\n'));
    output.set(file, lines.slice(-KEEP_LINES));
  };
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:stderr' || type === 'test:stdout') keep(data.file, data.message);
    else if (type === 'test:diagnostic') keep(data.file, data.message);
    else if (type === 'test:fail' && data.nesting === 0) {
      const error = data.details?.error;
      // A file-level failure carries the exit of its process; a top-level test's does not.
      if (error?.code === 'ERR_TEST_FAILURE' && 'exitCode' in error && 'signal' in error) {
        failed.push({ file: resolve(data.file), error });
      }
    }
  }
  for (const { file, error } of failed) {
    const how = error.signal ? `was killed by ${error.signal}` : `exited with code ${error.exitCode}`;
    yield `\n✖ ${file}: its process ${how}; its last output:\n`;
    for (const line of output.get(file) ?? ['(none)']) yield `  | ${line}\n`;
  }
}
