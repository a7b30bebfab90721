// The image's HEALTHCHECK: exit 0 when this container's liveness probe answers 200, else 1.
// A separate tiny process (no tsx, no configuration loading), so it reads the one variable it
// needs, PORT, itself; the server's own configuration is read in load-config.ts.
const port = process.env.PORT || '8080';
const url = `http://127.0.0.1:${port}/actuator/health/liveness`;
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
