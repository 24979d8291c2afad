import { deepEqual } from '@app/api-machinery';
import { fieldElement, FieldSet, PathElement } from './field-set.js';
import { fieldSchema, isDeclaredField, isObject, Schema, Shape, shapeOf } from './object-schema.js';

/**
 * The fields a value sets (structured-merge-diff's ToFieldSet): every leaf, every item of a
 * granular list, and map entries that are not declared fields. Fields the schema does not know
 * are skipped (they are pruned before anything is stored).
 */
export function toFieldSet(value: unknown, schema: Schema): FieldSet {
  const set = new FieldSet();
  collect(set, [], value, schema);
  return set;
}

function collect(set: FieldSet, path: PathElement[], value: unknown, schema: Schema): void {
  const shape = shapeOf(schema, value);
  if (shape.kind === 'scalar' || shape.atomic) {
    set.insert(path);
  } else if (shape.kind === 'map') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childSchema = child === undefined ? undefined : fieldSchema(schema, key);
      if (!childSchema) continue;
      const childPath = [...path, fieldElement(key)];
      collect(set, childPath, child, childSchema);
      if (child === null || isEmptyObject(child) || !isDeclaredField(schema, key)) set.insert(childPath);
    }
  } else {
    for (const [element, item] of indexItems(shape, value as unknown[])) {
      const childPath = [...path, element];
      collect(set, childPath, item, shape.items);
      set.insert(childPath);
    }
  }
}

/** How two versions of an object differ, path by path (structured-merge-diff's Comparison). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Compares `lhs` (before) with `rhs` (after). Leaves (scalars, atomic lists and maps, empty
 * containers) are added, modified or removed; a granular map or list that appears or
 * disappears is itself added or removed as well as its contents.
 */
export function compare(lhs: unknown, rhs: unknown, schema: Schema): Comparison {
  const comparison: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(comparison, [], lhs, rhs, schema);
  return comparison;
}

function walk(c: Comparison, path: PathElement[], lhs: unknown, rhs: unknown, schema: Schema): void {
  const shape = commonShape(schema, lhs, rhs);
  if (!shape || shape.kind === 'scalar' || shape.atomic || (isEmpty(lhs) && isEmpty(rhs))) return leaf(c, path, lhs, rhs);
  if (shape.kind === 'map') {
    const left = (lhs ?? {}) as Record<string, unknown>;
    const right = (rhs ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const childSchema = fieldSchema(schema, key);
      if (childSchema && (left[key] !== undefined || right[key] !== undefined)) walk(c, [...path, fieldElement(key)], left[key], right[key], childSchema);
    }
  } else {
    const left = indexItems(shape, (lhs ?? []) as unknown[]);
    const right = indexItems(shape, (rhs ?? []) as unknown[]);
    for (const element of new Set([...left.keys(), ...right.keys()])) walk(c, [...path, element], left.get(element), right.get(element), shape.items);
  }
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
}

function leaf(c: Comparison, path: PathElement[], lhs: unknown, rhs: unknown): void {
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!deepEqual(lhs, rhs)) c.modified.insert(path);
}

/** The shape both sides share; undefined when they disagree (then the node is compared as a leaf). */
function commonShape(schema: Schema, lhs: unknown, rhs: unknown): Shape | undefined {
  const left = lhs === undefined ? undefined : shapeOf(schema, lhs);
  const right = rhs === undefined ? undefined : shapeOf(schema, rhs);
  if (!left || !right) return left ?? right;
  if (left.kind !== right.kind) return undefined;
  if (left.kind !== 'scalar' && right.kind !== 'scalar' && left.atomic !== right.atomic) return undefined;
  return right;
}

/** The items of a granular list by path element; repeated elements keep the first item. */
export function indexItems(shape: Extract<Shape, { kind: 'list'; atomic: false }>, list: unknown[]): Map<PathElement, unknown> {
  const items = new Map<PathElement, unknown>();
  for (const item of list) {
    const element = shape.element(item);
    if (!items.has(element)) items.set(element, item);
  }
  return items;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || isEmptyObject(value) || (Array.isArray(value) && value.length === 0);
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}
