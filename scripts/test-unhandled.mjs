// Preloaded into every test process (NODE_OPTIONS): the stack of an unhandled rejection on
// stderr, because node:test reports only its message ("generated asynchronous activity after
// the test ended ... created the error ..."). Changes nothing else: where node:test listens it
// still fails the test; where nothing else listens (a server a test spawned) the process still
// dies of it, as it would without this file.
process.on('unhandledRejection', (err) => {
  process.stderr.write(`unhandled rejection: ${err instanceof Error ? err.stack : String(err)}\n`);
  if (process.listenerCount('unhandledRejection') === 1) throw err;
});
