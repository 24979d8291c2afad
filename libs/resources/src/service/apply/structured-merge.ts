import { FieldSet, PathElement } from './field-set.js';
import { fieldSchema, isObject, Schema, Shape, shapeOf } from './object-schema.js';
import { indexItems } from './typed-walk.js';

type GranularList = Extract<Shape, { kind: 'list'; atomic: false }>;

/**
 * Merges an applied configuration into a live value (structured-merge-diff's Merge with the
 * configuration winning): scalars, atomic lists and atomic maps are replaced; granular maps
 * merge key by key; `set` and `map` lists merge item by item. Neither input is modified.
 */
export function mergeValues(live: unknown, config: unknown, schema: Schema): unknown {
  if (config === undefined) return structuredClone(live);
  if (live === undefined) return structuredClone(config);
  const left = shapeOf(schema, live);
  const right = shapeOf(schema, config);
  if (left.kind !== right.kind || right.kind === 'scalar' || left.kind === 'scalar' || left.atomic || right.atomic) return structuredClone(config);
  if (right.kind === 'map') {
    const merged = structuredClone(live) as Record<string, unknown>;
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
      if (value === undefined) continue;
      const childSchema = fieldSchema(schema, key);
      merged[key] = childSchema ? mergeValues(merged[key], value, childSchema) : structuredClone(value);
    }
    return merged;
  }
  return mergeLists(right as GranularList, live as unknown[], config as unknown[]);
}

/** Items keep the live order unless the configuration reorders shared items (structured-merge-diff's ordering). */
function mergeLists(shape: GranularList, live: unknown[], config: unknown[]): unknown[] {
  const left = indexItems(shape, live);
  const right = indexItems(shape, config);
  const leftOrder = [...left.keys()];
  const rightOrder = [...right.keys()];
  const shared = rightOrder.filter((element) => left.has(element));
  const out: unknown[] = [];
  const emit = (element: PathElement) => out.push(mergeValues(left.get(element), right.get(element), shape.items));
  let next = shared.shift();
  let l = 0;
  let r = 0;
  while (l < leftOrder.length || r < rightOrder.length) {
    const element = leftOrder[l];
    if (l < leftOrder.length && r < rightOrder.length && element === rightOrder[r]) {
      emit(element);
      l++;
      r++;
      next = shared.shift();
    } else if (l < leftOrder.length && right.has(element) && (r >= rightOrder.length || (next !== undefined && next !== element))) {
      l++;
    } else if (l < leftOrder.length && !right.has(element)) {
      emit(element);
      l++;
    } else {
      emit(rightOrder[r]);
      if (next === rightOrder[r]) next = shared.shift();
      r++;
    }
  }
  return out;
}

/**
 * Removes the paths of `removal` from `value`, except where `owned` (every manager's fields)
 * still holds something at or below them: the fields an applier stopped applying that nobody
 * else manages. Key fields of kept list items are never removed. Returns a new value.
 */
export function removeFields(value: unknown, removal: FieldSet, owned: FieldSet | undefined, schema: Schema, keys: readonly string[] = []): unknown {
  const shape = shapeOf(schema, value);
  if (shape.kind === 'scalar' || shape.atomic) return value;
  if (shape.kind === 'map') {
    const out = { ...(value as Record<string, unknown>) };
    for (const [element, removed] of removal.children) {
      const key = element.slice(2);
      const childSchema = element.startsWith('f:') ? fieldSchema(schema, key) : undefined;
      if (!childSchema || out[key] === undefined || keys.includes(key)) continue;
      const child = prune(out[key], removed, owned?.children.get(element), childSchema, []);
      if (child === undefined) delete out[key];
      else out[key] = child;
    }
    return out;
  }
  const items: unknown[] = [];
  for (const item of value as unknown[]) {
    const element = shape.element(item);
    const removed = removal.children.get(element);
    const kept = removed ? prune(item, removed, owned?.children.get(element), shape.items, shape.keys) : item;
    if (kept !== undefined) items.push(kept);
  }
  return items;
}

function prune(value: unknown, removed: FieldSet, owned: FieldSet | undefined, schema: Schema, keys: readonly string[]): unknown {
  const ownedHere = owned !== undefined && !owned.isEmpty();
  if (removed.member && !ownedHere) return undefined;
  if (removed.children.size === 0) return value;
  const pruned = removeFields(value, removed, owned, schema, keys);
  return emptied(value, pruned) && !owned?.member ? undefined : pruned;
}

/** True when pruning turned a non-empty container into an empty one. */
function emptied(before: unknown, after: unknown): boolean {
  if (Array.isArray(before)) return before.length > 0 && (after as unknown[]).length === 0;
  return isObject(before) && Object.keys(before).length > 0 && Object.keys(after as object).length === 0;
}
