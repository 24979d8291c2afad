import { fieldPath, PathSegment } from './field-path.js';
import {
  additionalSchema,
  isEmbeddedResource,
  isPlainObject,
  META_FIELDS,
  preservesUnknownFields,
  propertySchema,
  Schema,
} from './json-schema.js';

/**
 * Structural pruning as kube-apiserver does it for custom resources: removes, in place, every
 * object field the schema does not declare (unless `x-kubernetes-preserve-unknown-fields: true`
 * or `additionalProperties` admits it) and returns the removed fields' paths (`spec.foo`,
 * `spec.items[0].bar`). apiVersion, kind and metadata at the root (and in embedded resources)
 * are never pruned. Recursion follows the schema only, so it is bounded by the schema's depth.
 */
export function pruneUnknownFields(object: Record<string, unknown>, schema: Schema): string[] {
  const pruned: string[] = [];
  prune(object, { ...schema, 'x-kubernetes-embedded-resource': true }, [], pruned);
  return pruned;
}

function prune(value: unknown, schema: Schema | undefined, path: PathSegment[], pruned: string[]): void {
  if (preservesUnknownFields(schema)) return keepUnknown(value, schema as Schema, path, pruned);
  if (schema === undefined) return pruneEverything(value, path, pruned);
  if (isPlainObject(value)) pruneObject(value, schema, path, pruned);
  else if (Array.isArray(value)) pruneItems(value, schema, path, pruned);
}

function pruneObject(object: Record<string, unknown>, schema: Schema, path: PathSegment[], pruned: string[]): void {
  const additional = additionalSchema(schema);
  for (const key of Object.keys(object)) {
    if (isEmbeddedResource(schema) && META_FIELDS.has(key)) continue;
    const property = propertySchema(schema, key);
    path.push(key);
    if (property) prune(object[key], property, path, pruned);
    else if (additional === 'any') keepUnknown(object[key], {}, path, pruned);
    else if (additional) prune(object[key], additional, path, pruned);
    else {
      pruned.push(fieldPath(path));
      delete object[key];
    }
    path.pop();
  }
}

function pruneItems(items: unknown[], schema: Schema, path: PathSegment[], pruned: string[]): void {
  const itemSchema = isPlainObject(schema.items) ? (schema.items as Schema) : undefined;
  for (let index = 0; index < items.length; index++) {
    path.push(index);
    prune(items[index], itemSchema, path, pruned);
    path.pop();
  }
}

/** Under preserve-unknown-fields: keep unknown fields but still prune inside declared ones. */
function keepUnknown(value: unknown, schema: Schema, path: PathSegment[], pruned: string[]): void {
  if (isPlainObject(value)) {
    const additional = additionalSchema(schema);
    for (const key of Object.keys(value)) {
      if (isEmbeddedResource(schema) && META_FIELDS.has(key)) continue;
      const property = propertySchema(schema, key);
      const child = property ?? (additional === 'any' ? undefined : additional);
      if (!child) continue;
      path.push(key);
      prune(value[key], child, path, pruned);
      path.pop();
    }
  } else if (Array.isArray(value) && isPlainObject(schema.items)) {
    pruneItems(value, schema, path, pruned);
  }
}

interface PathNode {
  segment: PathSegment;
  parent?: PathNode;
}

/**
 * No schema at all for this value: every object field found is unknown. Iterative with
 * parent-linked paths, so nested arrays of any depth cannot exhaust the stack.
 */
function pruneEverything(value: unknown, path: PathSegment[], pruned: string[]): void {
  const base = path.reduce<PathNode | undefined>((parent, segment) => ({ segment, parent }), undefined);
  const work: { value: unknown; node?: PathNode }[] = [{ value, node: base }];
  while (work.length > 0) {
    const { value: current, node } = work.pop() as { value: unknown; node?: PathNode };
    if (isPlainObject(current)) {
      for (const key of Object.keys(current)) {
        pruned.push(fieldPath(materialize({ segment: key, parent: node })));
        delete current[key];
      }
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        work.push({ value: current[index], node: { segment: index, parent: node } });
      }
    }
  }
}

function materialize(node: PathNode | undefined): PathSegment[] {
  const segments: PathSegment[] = [];
  for (let at = node; at; at = at.parent) segments.push(at.segment);
  return segments.reverse();
}
