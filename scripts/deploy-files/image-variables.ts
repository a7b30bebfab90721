/**
 * Environment variables the deployment files may set on the third-party images, per image
 * repository. The platform's own image takes exactly what its config loader reads.
 */
const THIRD_PARTY: Readonly<Record<string, (name: string) => boolean>> = {
  // The official image's initdb settings.
  postgres: (n) =>
    ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS', 'PGDATA'].includes(n),
  // Grafana maps GF_<SECTION>_<KEY> onto its configuration.
  'grafana/grafana': (n) => /^GF_[A-Z0-9_]+$/.test(n),
  // Read by deploy/compose/nats/nats.conf (`server_name: $SERVER_NAME`); nats-server has none.
  nats: (n) => n === 'SERVER_NAME',
  redis: () => false,
  'prom/prometheus': () => false,
};

/** `postgres:17-bookworm` -> `postgres`, `grafana/grafana:11.5.2` -> `grafana/grafana`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Problems with `names` set on a third-party `image` (an image not listed here is one too). */
export function thirdPartyVariableProblems(where: string, image: string, names: readonly string[]): string[] {
  const allowed = THIRD_PARTY[imageRepository(image)];
  if (!allowed) return names.length > 0 ? [`${where}: no variables are known for image ${image}`] : [];
  return names.filter((n) => !allowed(n)).map((n) => `${where}: ${n} is not a variable of image ${image}`);
}
