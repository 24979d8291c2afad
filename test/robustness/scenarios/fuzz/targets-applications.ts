import fc from 'fast-check';
import { stringify as yaml } from 'yaml';
import { mutate, mutations } from './mutation.js';
import { APPLICATIONS, applicationPath, encode, encodeSegment, FuzzTarget, validApplication } from './target.js';
import { anyString, dnsName, jsonPatch, queryParams, selector, textDamage, wrongValue, yamlText } from './values.js';

const WRITE_KEYS = ['dryRun', 'fieldValidation', 'fieldManager', 'pretty', 'resourceVersion', 'force'];
const body = (base: fc.Arbitrary<unknown>) => fc.record({ value: fc.oneof({ weight: 6, arbitrary: base }, { weight: 1, arbitrary: wrongValue }), damage: fc.option(textDamage, { freq: 4, nil: undefined }) });
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Creates: valid Applications with a few mutated fields, other JSON, damaged JSON. */
export const createApplication: FuzzTarget = {
  name: 'POST applications',
  arbitrary: fc.record({ name: dnsName, changes: mutations(), body: fc.boolean(), query: queryParams(WRITE_KEYS), damage: fc.option(textDamage, { freq: 4, nil: undefined }), raw: fc.option(wrongValue, { freq: 8, nil: undefined }) }),
  build: (input) => {
    const value = input.raw !== undefined ? input.raw : mutate(validApplication(`fzc-${input.name}`.slice(0, 63)), input.changes);
    return { method: 'POST', path: APPLICATIONS, query: input.query, headers: JSON_HEADERS, body: encode({ value, damage: input.damage }) };
  },
  probe: (input) => (input.raw === undefined ? applicationPath((mutate(validApplication(`fzc-${input.name}`.slice(0, 63)), input.changes) as any)?.metadata?.name) : undefined),
};

export const replaceApplication: FuzzTarget = {
  name: 'PUT application',
  victim: true,
  arbitrary: fc.record({ changes: mutations(), query: queryParams(WRITE_KEYS), damage: fc.option(textDamage, { freq: 5, nil: undefined }) }),
  build: (input, ctx) => ({ method: 'PUT', path: ctx.victimPath, query: input.query, headers: JSON_HEADERS, body: encode({ value: mutate(ctx.victim ?? validApplication(ctx.victimName), input.changes), damage: input.damage }) }),
};

const PATCH_TYPES = { merge: 'application/merge-patch+json', json: 'application/json-patch+json', strategic: 'application/strategic-merge-patch+json' } as const;

function patchTarget(kind: keyof typeof PATCH_TYPES, shape: fc.Arbitrary<unknown>): FuzzTarget {
  return {
    name: `PATCH application (${kind})`,
    victim: true,
    arbitrary: fc.record({ body: body(shape), query: queryParams(WRITE_KEYS) }),
    build: (input, ctx) => ({ method: 'PATCH', path: ctx.victimPath, query: input.query, headers: { 'content-type': PATCH_TYPES[kind] }, body: encode(input.body) }),
  };
}

export const mergePatchApplication = patchTarget('merge', mutations().map((m) => mutate({}, m)));
export const jsonPatchApplication = patchTarget('json', jsonPatch);
export const strategicPatchApplication = patchTarget('strategic', mutations().map((m) => mutate({}, m)));

/** Server-side apply: YAML token soup, or the victim mutated, as JSON or YAML. */
export const applyApplication: FuzzTarget = {
  name: 'PATCH application (apply)',
  victim: true,
  arbitrary: fc.record({
    form: fc.constantFrom('tokens', 'json', 'yaml'),
    tokens: yamlText,
    changes: mutations(),
    query: fc.tuple(fc.option(fc.oneof(fc.constant('fuzzer'), anyString), { nil: undefined }), fc.option(fc.constantFrom('true', 'false', 'x'), { nil: undefined }), queryParams(WRITE_KEYS)),
  }),
  build: (input, ctx) => {
    const [manager, force, extra] = input.query;
    const query: Array<[string, string]> = [...(manager !== undefined ? [['fieldManager', manager] as [string, string]] : []), ...(force !== undefined ? [['force', force] as [string, string]] : []), ...extra];
    const object = mutate(validApplication(ctx.victimName), input.changes);
    const text = input.form === 'tokens' ? input.tokens : input.form === 'json' ? JSON.stringify(object) : safeYaml(object);
    return { method: 'PATCH', path: ctx.victimPath, query, headers: { 'content-type': 'application/apply-patch+yaml' }, body: text };
  },
};

function safeYaml(value: unknown): string {
  try {
    return yaml(value);
  } catch {
    return JSON.stringify(value) ?? 'null';
  }
}

/** PATCH with media types that are not patch types, or are malformed. */
export const oddContentTypePatch: FuzzTarget = {
  name: 'PATCH application (odd content type)',
  victim: true,
  arbitrary: fc.record({ type: fc.oneof(fc.constantFrom('', 'text/plain', 'application/xml', 'application/json; charset=utf-16', 'application/merge-patch+json; charset=latin1', 'APPLICATION/MERGE-PATCH+JSON', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/apply-patch+yaml; x=y', 'application/vnd.kubernetes.protobuf', ';', 'application/'), anyString), body: body(mutations().map((m) => mutate({}, m))) }),
  build: (input, ctx) => ({ method: 'PATCH', path: ctx.victimPath, headers: { 'content-type': input.type.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '') }, body: encode(input.body) }),
};

/** The status and scale subresources, with every verb. */
export const subresources: FuzzTarget = {
  name: 'status and scale subresources',
  victim: true,
  arbitrary: fc.record({
    sub: fc.constantFrom('status', 'scale'),
    method: fc.constantFrom('GET', 'PUT', 'PATCH', 'PATCH-JSON', 'POST', 'DELETE'),
    changes: mutations([['spec', 'replicas'], ['status'], ['status', 'phase'], ['status', 'replicas'], ['metadata', 'name'], ['metadata', 'resourceVersion'], ['kind'], ['apiVersion'], ['spec']]),
    patch: jsonPatch,
    damage: fc.option(textDamage, { freq: 5, nil: undefined }),
  }),
  build: (input, ctx) => {
    const path = `${ctx.victimPath}/${input.sub}`;
    const base = input.sub === 'scale' ? { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: ctx.victimName, namespace: 'fuzz' }, spec: { replicas: 2 } } : (ctx.victim ?? validApplication(ctx.victimName));
    if (input.method === 'GET') return { method: 'GET', path };
    if (input.method === 'PATCH-JSON') return { method: 'PATCH', path, headers: { 'content-type': 'application/json-patch+json' }, body: encode({ value: input.patch, damage: input.damage }) };
    const contentType = input.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    return { method: input.method, path, headers: { 'content-type': contentType }, body: encode({ value: mutate(base, input.changes), damage: input.damage }) };
  },
};

/** DELETE with malformed DeleteOptions, preconditions and query parameters. */
export const deleteApplication: FuzzTarget = {
  name: 'DELETE application',
  victim: true,
  arbitrary: fc.record({
    options: fc.option(fc.record({ value: mutations([['propagationPolicy'], ['preconditions'], ['preconditions', 'uid'], ['preconditions', 'resourceVersion'], ['gracePeriodSeconds'], ['dryRun'], ['orphanDependents'], ['kind'], ['apiVersion']]).map((m) => mutate({ kind: 'DeleteOptions', apiVersion: 'v1' }, m)), damage: fc.option(textDamage, { freq: 5, nil: undefined }) }), { nil: undefined }),
    query: queryParams(['dryRun', 'propagationPolicy', 'gracePeriodSeconds', 'orphanDependents', 'resourceVersion']),
  }),
  build: (input, ctx) => ({ method: 'DELETE', path: ctx.victimPath, query: input.query, headers: JSON_HEADERS, body: input.options ? encode(input.options) : undefined }),
};

/** Reads: get, list and watch with every query parameter a client may send, and odd names. */
export const readApplications: FuzzTarget = {
  name: 'GET applications (get, list, watch)',
  victim: true,
  arbitrary: fc.record({
    where: fc.constantFrom('list', 'all-namespaces', 'get', 'odd-name'),
    name: anyString,
    selectors: fc.tuple(fc.option(selector, { nil: undefined }), fc.option(selector, { nil: undefined })),
    query: queryParams(),
    accept: fc.constantFrom(undefined, 'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml', '*/*', 'text/html', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io'),
  }),
  build: (input, ctx) => {
    const path = input.where === 'list' ? APPLICATIONS : input.where === 'all-namespaces' ? '/apis/cloudnative.elide.dev/v1/applications' : input.where === 'get' ? ctx.victimPath : `${APPLICATIONS}/${encodeSegment(input.name)}`;
    const [labelSelector, fieldSelector] = input.selectors;
    const query: Array<[string, string]> = [...input.query];
    if (labelSelector !== undefined) query.push(['labelSelector', labelSelector]);
    if (fieldSelector !== undefined) query.push(['fieldSelector', fieldSelector]);
    return { method: 'GET', path, query, headers: acceptHeader(input.accept) };
  },
};

export function acceptHeader(accept: string | undefined): Record<string, string> {
  return accept === undefined ? {} : { accept };
}
