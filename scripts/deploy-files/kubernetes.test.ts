// deploy/k8s: schemas, variables, probes, pods, scaling, secrets.
// Checked without a container engine; each rule also has a broken copy that must fail, so no
// check passes by accident. docs/deployment.md describes the files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkKubernetes, type Manifest, type Resource, readKustomization } from './kubernetes.ts';
import { assertProblem, copy, known, repo } from './test-helpers.ts';

describe('Kubernetes manifests', () => {
  const { manifests, problems: listProblems } = readKustomization(repo, 'deploy/k8s');
  const broken = (change: (find: (kind: string, name: string) => Resource) => void): string[] => {
    const docs: Manifest[] = manifests.map((m) => ({ file: m.file, resource: copy(m.resource) }));
    const find = (kind: string, name: string) =>
      docs.find((m) => m.resource.kind === kind && m.resource.metadata?.name === name)!.resource;
    change(find);
    return checkKubernetes(docs, known, repo);
  };
  const container = (d: Resource) => d.spec!.template!.spec!.containers[0]!;

  it('lists every manifest and passes', () => {
    assert.deepEqual(listProblems, []);
    assert.ok(manifests.length >= 16, `only ${manifests.length} manifests`);
    assert.deepEqual(checkKubernetes(manifests, known, repo), []);
  });

  it('fails a schema violation', () => {
    assertProblem(
      broken((find) => Object.assign(find('Deployment', 'auth').spec!, { replicas: 'two' })),
      /Deployment auth: schema: \/spec\/replicas must be integer/,
    );
    assertProblem(
      broken(
        (find) =>
          delete (find('HorizontalPodAutoscaler', 'chat').spec as Record<string, unknown>).maxReplicas,
      ),
      /HorizontalPodAutoscaler chat: schema: .*maxReplicas/,
    );
  });

  it('fails unknown variables, inline or from the ConfigMap', () => {
    assertProblem(
      broken((find) => container(find('Deployment', 'chat')).env!.push({ name: 'CHAT_NODES', value: '2' })),
      /container chat: CHAT_NODES is not read/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('ConfigMap', 'chat-platform-config').data!, { REDIS_HOST: 'redis' }),
      ),
      /REDIS_HOST is not read by the config loader/,
    );
  });

  it('fails probes off the actuator, missing limits, root and writable pods', () => {
    assertProblem(
      broken((find) =>
        Object.assign(container(find('Deployment', 'users')).readinessProbe!.httpGet!, { path: '/' }),
      ),
      /container users: readinessProbe is not an HTTP GET of \/actuator\/health\/readiness/,
    );
    assertProblem(
      broken((find) => delete container(find('Deployment', 'gateway')).resources!.limits),
      /container gateway: no cpu limit/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('Deployment', 'chat').spec!.template!.spec!.securityContext!, {
          runAsNonRoot: false,
        }),
      ),
      /container chat: may run as root/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(container(find('Deployment', 'auth')).securityContext!, {
          readOnlyRootFilesystem: false,
        }),
      ),
      /container auth: root filesystem is writable/,
    );
  });

  it('fails a grace period that does not cover SHUTDOWN_TIMEOUT_MS', () => {
    assertProblem(
      broken((find) =>
        Object.assign(find('Deployment', 'chat').spec!.template!.spec!, {
          terminationGracePeriodSeconds: 30,
        }),
      ),
      /terminationGracePeriodSeconds 30/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('ConfigMap', 'chat-platform-config').data!, { SHUTDOWN_TIMEOUT_MS: '60000' }),
      ),
      /terminationGracePeriodSeconds 40 does not match preStop 5 s \+ SHUTDOWN_TIMEOUT_MS 60000/,
    );
  });

  it('fails a missing HPA or PDB, a Service selecting nothing, a real secret', () => {
    assertProblem(
      broken((find) =>
        Object.assign(find('HorizontalPodAutoscaler', 'gateway').spec!.scaleTargetRef!, { name: 'gw' }),
      ),
      /no HorizontalPodAutoscaler scales gateway/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('PodDisruptionBudget', 'users').spec!, {
          selector: { matchLabels: { app: 'x' } },
        }),
      ),
      /Deployment users: no PodDisruptionBudget covers it/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('Service', 'auth').spec!, { selector: { 'app.kubernetes.io/name': 'authn' } }),
      ),
      /Service auth: selects no Deployment's pods/,
    );
    assertProblem(
      broken((find) =>
        Object.assign(find('Secret', 'chat-platform-secrets').stringData!, { JWT_SECRET: 'a'.repeat(64) }),
      ),
      /JWT_SECRET is not the REPLACE_ME placeholder/,
    );
    assertProblem(
      broken((find) => container(find('Deployment', 'users')).env!.push({ name: 'JWT_SECRET', value: 'x' })),
      /JWT_SECRET has a literal value/,
    );
  });
});
