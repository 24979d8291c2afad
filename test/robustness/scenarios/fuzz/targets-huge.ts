import fc from 'fast-check';
import { APPLICATIONS, FuzzTarget, validApplication } from './target.js';

const MiB = 1024 * 1024;
const LIMIT = 3 * MiB;

/** spec.config filled with 1 KiB values until the JSON document is `bytes` long (within a few bytes). */
function sized(name: string, bytes: number): string {
  const base = JSON.stringify(validApplication(name));
  const value = 'v'.repeat(1024);
  const entries: string[] = [];
  let size = base.length + 20;
  for (let i = 0; size + value.length + 16 < bytes; i++) {
    entries.push(`"k${i}":"${value}"`);
    size += value.length + 8 + String(i).length;
  }
  const config = `{${entries.join(',')}}`;
  const text = base.replace('"config":{"a":"b"}', `"config":${config}`);
  return text.length < bytes ? text.replace('"note":"victim"', `"note":"${'n'.repeat(bytes - text.length)}"`) : text;
}

function deep(name: string, depth: number, array: boolean): string {
  const nested = array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return JSON.stringify(validApplication(name)).replace('"config":{"a":"b"}', `"config":{"a":"b"},"extra":${nested}`);
}

function wide(name: string, keys: number, where: 'labels' | 'config'): string {
  const entries = Array.from({ length: keys }, (_, i) => `"k${i}":"v"`).join(',');
  const app = JSON.stringify(validApplication(name));
  return where === 'labels' ? app.replace('"labels":{"fuzz":"true"}', `"labels":{${entries}}`) : app.replace('"config":{"a":"b"}', `"config":{${entries}}`);
}

const SHAPES = ['near-limit', 'at-limit', 'over-limit', 'deep-objects-600', 'deep-arrays-5000', 'deep-objects-100000', 'wide-labels-20000', 'wide-config-100000', 'long-name', 'long-label-value'] as const;
const PLACES = ['create', 'put', 'merge-patch', 'apply', 'validate', 'mutate', 'status'] as const;

/** Documents near and over the 3 MiB body limit, deeply nested and very wide, sent to every writing endpoint. */
export const hugeDocuments: FuzzTarget = {
  name: 'huge and deep documents',
  victim: true,
  weight: 0.1,
  solo: true,
  arbitrary: fc.record({ shape: fc.constantFrom(...SHAPES), place: fc.constantFrom(...PLACES) }),
  probe: (input) => (input.place === 'create' ? `${APPLICATIONS}/fzh-created` : undefined),
  build: (input, ctx) => {
    const name = input.place === 'create' ? 'fzh-created' : ctx.victimName;
    const text = document(input.shape, name);
    const isApply = input.place === 'apply';
    const path = input.place === 'create' ? APPLICATIONS : input.place === 'validate' || input.place === 'mutate' ? `/${input.place}` : input.place === 'status' ? `${ctx.victimPath}/status` : ctx.victimPath;
    const method = input.place === 'create' || input.place === 'validate' || input.place === 'mutate' ? 'POST' : input.place === 'put' || input.place === 'status' ? 'PUT' : 'PATCH';
    const body = input.place === 'validate' || input.place === 'mutate' ? `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","kind":{"group":"cloudnative.elide.dev","version":"v1","kind":"Application"},"operation":"CREATE","object":${text}}}` : text;
    const contentType = isApply ? 'application/apply-patch+yaml' : input.place === 'merge-patch' ? 'application/merge-patch+json' : 'application/json';
    return { method, path, query: isApply ? [['fieldManager', 'fuzzer'], ['force', 'true']] : [], headers: { 'content-type': contentType }, body };
  },
};

function document(shape: (typeof SHAPES)[number], name: string): string {
  switch (shape) {
    case 'near-limit':
      return sized(name, LIMIT - 4096);
    case 'at-limit':
      return sized(name, LIMIT);
    case 'over-limit':
      return sized(name, LIMIT + 1024);
    case 'deep-objects-600':
      return deep(name, 600, false);
    case 'deep-arrays-5000':
      return deep(name, 5000, true);
    case 'deep-objects-100000':
      return deep(name, 100_000, false);
    case 'wide-labels-20000':
      return wide(name, 20_000, 'labels');
    case 'wide-config-100000':
      return wide(name, 100_000, 'config');
    case 'long-name':
      return JSON.stringify(validApplication(`${name}-${'x'.repeat(300)}`));
    case 'long-label-value':
      return JSON.stringify(validApplication(name)).replace('"fuzz":"true"', `"fuzz":"${'v'.repeat(100_000)}"`);
  }
}
