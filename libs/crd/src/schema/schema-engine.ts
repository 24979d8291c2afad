import { KubeObject, StatusCause } from '@app/api-machinery';
import type { ValidateFunction } from 'ajv';
import { SchemaCheck } from '../definition/resource-definition.js';
import { ajvErrorsToCauses, jsonTypeName } from './ajv-errors.js';
import { sharedAjv } from './ajv-instance.js';
import { toAjvSchema } from './ajv-schema.js';
import { applyDefaults } from './defaults.js';
import { kubeCause } from './field-errors.js';
import { isPlainObject, Schema } from './json-schema.js';
import { validateListTypes } from './list-types.js';
import { pruneUnknownFields } from './prune.js';

/** A version's schema, compiled once: prune, default and validate an object against it. */
export interface CompiledSchema {
  readonly openAPIV3Schema: Schema;
  /**
   * kube-apiserver's order for custom resources: prune unknown fields, apply defaults, validate.
   * Mutates `object` in place; never throws (an unexpected failure becomes an InternalError cause).
   */
  admit(object: KubeObject): SchemaCheck;
}

/** The schema cannot be turned into a validator (bad regex, malformed keyword). */
export class SchemaCompileError extends Error {}

const MAX_CACHED = 256;
const cache = new Map<string, { compiled: CompiledSchema; ajvSchema: Schema }>();

/**
 * Compiles an openAPIV3Schema, reusing an earlier compilation of an identical schema (cache of
 * the 256 most recently used). Throws SchemaCompileError when ajv rejects the schema.
 */
export function compileSchema(openAPIV3Schema: Schema): CompiledSchema {
  const key = cacheKey(openAPIV3Schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.compiled;
  }
  let schema: Schema;
  let ajvSchema: Schema;
  let validate: ValidateFunction;
  try {
    schema = structuredClone(openAPIV3Schema);
    ajvSchema = toAjvSchema(schema);
    validate = sharedAjv().compile(ajvSchema);
  } catch (error) {
    throw new SchemaCompileError(error instanceof Error ? error.message : String(error));
  }
  const compiled: CompiledSchema = { openAPIV3Schema: schema, admit: (object) => admit(object, schema, validate) };
  remember(key, compiled, ajvSchema);
  return compiled;
}

/** The admit of a version without a schema: everything is kept, nothing is invalid. */
export function admitWithoutSchema(): SchemaCheck {
  return { unknownFields: [], causes: [] };
}

function admit(object: KubeObject, schema: Schema, validate: ValidateFunction): SchemaCheck {
  if (!isPlainObject(object)) {
    const actual = jsonTypeName(object);
    return { unknownFields: [], causes: [kubeCause.typeInvalid('', actual, `must be of type object: ${JSON.stringify(actual)}`)] };
  }
  let unknownFields: string[] = [];
  try {
    unknownFields = pruneUnknownFields(object, schema);
    applyDefaults(object, schema);
    const causes = validate(object) ? [] : ajvErrorsToCauses(validate.errors ?? [], object);
    return { unknownFields, causes: mergeCauses(causes, validateListTypes(object, schema)) };
  } catch (error) {
    return { unknownFields, causes: [kubeCause.internal('', error instanceof Error ? error.message : String(error))] };
  }
}

function mergeCauses(first: StatusCause[], second: StatusCause[]): StatusCause[] {
  const fields = new Set(first.map((cause) => cause.field));
  return [...first, ...second.filter((cause) => !fields.has(cause.field))];
}

function cacheKey(schema: Schema): string {
  try {
    return JSON.stringify(schema);
  } catch (error) {
    throw new SchemaCompileError(error instanceof Error ? error.message : String(error));
  }
}

function remember(key: string, compiled: CompiledSchema, ajvSchema: Schema): void {
  cache.set(key, { compiled, ajvSchema });
  if (cache.size <= MAX_CACHED) return;
  const [oldestKey, oldest] = cache.entries().next().value as [string, { ajvSchema: Schema }];
  cache.delete(oldestKey);
  sharedAjv().removeSchema(oldest.ajvSchema);
}
