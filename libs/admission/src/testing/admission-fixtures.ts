import { KubeObject } from '@app/api-machinery';
import { AdmissionAttributes, AdmissionOperation } from '@app/resources';
import { Counter, Histogram, Registry } from 'prom-client';
import { AdmissionMetrics } from '../engine/admission-metrics.js';
import { DEFAULT_POLICY } from '../policy/default-policy.js';
import { effectivePolicy } from '../policy/policy-parser.js';
import { PolicyStore } from '../policy/policy-store.js';
import { PolicyDocument } from '../policy/policy.types.js';

/** Test fixtures for the admission specs (not exported from the barrel). */

export function application(spec: Record<string, unknown> = {}, version = 'v1', metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: `cloudnative.elide.dev/${version}`,
    kind: 'Application',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: { image: 'nginx:1.25', replicas: 3, resources: { cpu: '100m' }, ...spec },
  };
}

export function attributesFor(operation: AdmissionOperation, object?: KubeObject, oldObject?: KubeObject, extra: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  const source = object ?? oldObject;
  const version = String(source?.apiVersion ?? 'cloudnative.elide.dev/v1').split('/')[1] ?? 'v1';
  return {
    uid: 'b1f6a0f4-0000-4000-8000-000000000001',
    operation,
    kind: { group: 'cloudnative.elide.dev', version, kind: 'Application' },
    resource: { group: 'cloudnative.elide.dev', version, resource: 'applications' },
    namespace: String(source?.metadata?.namespace ?? 'default'),
    name: String(source?.metadata?.name ?? ''),
    object,
    oldObject,
    dryRun: false,
    userInfo: { username: 'alice', groups: ['system:authenticated'] },
    ...extra,
  };
}

/** An AdmissionReview v1 request body, as kube-apiserver sends it. */
export function reviewBody(operation: AdmissionOperation, object?: KubeObject, oldObject?: KubeObject): Record<string, unknown> {
  const { dryRun, userInfo, ...request } = attributesFor(operation, object, oldObject);
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { ...request, requestKind: request.kind, requestResource: request.resource, userInfo, dryRun, object: object ?? null, oldObject: oldObject ?? null },
  };
}

/** AdmissionMetrics over a private registry, readable by tests. */
export function testMetrics(): { metrics: AdmissionMetrics; registry: Registry } {
  const registry = new Registry();
  const counter = new Counter({ name: 'webhook_requests_total', help: 'h', labelNames: ['webhook', 'operation', 'allowed'], registers: [registry] });
  const histogram = new Histogram({ name: 'webhook_request_duration_seconds', help: 'h', labelNames: ['webhook', 'operation'], registers: [registry] });
  return { metrics: new AdmissionMetrics(counter, histogram), registry };
}

export async function counterValue(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric('webhook_requests_total')!.get();
  const match = metric.values.find((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected));
  return match?.value ?? 0;
}

/** A PolicyStore stand-in serving a fixed document. */
export function fixedPolicies(document: Partial<PolicyDocument> = {}): PolicyStore {
  const full: PolicyDocument = { ...DEFAULT_POLICY, ...document };
  return { effective: (namespace?: string) => effectivePolicy(full, namespace), document: () => full } as unknown as PolicyStore;
}

export const fixedClock = { now: () => new Date('2025-03-01T10:20:30.456Z') };
