import fc from 'fast-check';
import { anyString, oddString, wrongValue } from './values.js';

/** Sets (or deletes) the value at a path of an object; missing or non-object parents become {}. */
export interface Mutation {
  path: string[];
  op: 'set' | 'delete';
  value?: unknown;
}

const APPLICATION_PATHS = [
  ['apiVersion'], ['kind'], ['metadata'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'generateName'], ['metadata', 'labels'],
  ['metadata', 'annotations'], ['metadata', 'resourceVersion'], ['metadata', 'uid'], ['metadata', 'finalizers'], ['metadata', 'ownerReferences'],
  ['metadata', 'managedFields'], ['metadata', 'deletionTimestamp'], ['metadata', 'deletionGracePeriodSeconds'], ['metadata', 'creationTimestamp'], ['metadata', 'generation'],
  ['spec'], ['spec', 'image'], ['spec', 'replicas'], ['spec', 'strategy'], ['spec', 'config'], ['spec', 'config', 'k'], ['status'], ['status', 'phase'],
  ['status', 'conditions'], ['status', 'replicas'], ['extra'],
];

/** Mutations of the paths an object of the given shape has (plus random ones), with labels and annotations keyed by odd strings. */
export function mutations(paths: string[][] = APPLICATION_PATHS): fc.Arbitrary<Mutation[]> {
  const known = fc.record({ path: fc.constantFrom(...paths), op: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), value: wrongValue });
  const random = fc.record({ path: fc.array(anyString, { minLength: 1, maxLength: 4 }), op: fc.constant<'set'>('set'), value: wrongValue });
  const labelled = fc.record({
    path: fc.tuple(fc.constantFrom('labels', 'annotations'), fc.oneof(oddString, anyString)).map(([field, key]) => ['metadata', field, key]),
    op: fc.constant<'set'>('set'),
    value: fc.oneof(anyString, wrongValue),
  });
  return fc.array(fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: random }, { weight: 2, arbitrary: labelled }), { minLength: 1, maxLength: 4 });
}

/** A mutated deep copy of `object`. */
export function mutate(object: unknown, changes: Mutation[]): unknown {
  let root: unknown = structuredClone(object ?? {});
  for (const change of changes) {
    if (change.path.length === 0) {
      root = change.value;
      continue;
    }
    if (root === null || typeof root !== 'object') root = {};
    let node = root as Record<string, unknown>;
    for (const key of change.path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) {
        Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
      }
      node = node[key] as Record<string, unknown>;
    }
    const last = change.path[change.path.length - 1];
    if (change.op === 'delete') delete node[last];
    else Object.defineProperty(node, last, { value: change.value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}
