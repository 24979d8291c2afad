import { isKnownStringFormat } from './ajv-instance.js';
import { isPlainObject, Schema } from './json-schema.js';

/** Keywords copied verbatim from a CRD schema node into the ajv schema. */
const PLAIN_KEYWORDS = [
  'type', 'minimum', 'maximum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems',
  'multipleOf', 'maxProperties', 'minProperties', 'required', 'enum', 'nullable',
] as const;

/**
 * Translates a CRD's OpenAPI v3 schema (kube-openapi's reading) into the JSON Schema ajv 8
 * validates: boolean `exclusiveMinimum/Maximum` become numeric, `x-kubernetes-int-or-string`
 * becomes `type: [integer, string]`, unknown and numeric formats are dropped, defaults and
 * vendor extensions are left out (they are handled structurally). At the root, `metadata` is
 * not validated here (the resource layer owns it). Pure: the input is not modified.
 */
export function toAjvSchema(schema: Schema): Schema {
  const converted = convertNode(schema);
  if (isPlainObject(converted.properties)) {
    const { metadata: _ignored, ...properties } = converted.properties;
    converted.properties = properties;
  }
  if (Array.isArray(converted.required)) converted.required = converted.required.filter((name) => name !== 'metadata');
  return converted;
}

function convertNode(schema: Schema): Schema {
  const out: Schema = {};
  for (const keyword of PLAIN_KEYWORDS) {
    if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  }
  if (schema['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  convertBounds(schema, out);
  convertFormat(schema, out);
  convertChildren(schema, out);
  return out;
}

function convertBounds(schema: Schema, out: Schema): void {
  for (const [exclusive, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    const flag = schema[exclusive];
    if (typeof flag === 'number') out[exclusive] = flag;
    else if (flag === true && typeof schema[bound] === 'number') {
      out[exclusive] = schema[bound];
      delete out[bound];
    }
  }
}

function convertFormat(schema: Schema, out: Schema): void {
  const format = schema.format;
  if (typeof format !== 'string' || !isKnownStringFormat(format)) return;
  const type = schema.type;
  if (type === undefined || type === 'string' || schema['x-kubernetes-int-or-string'] === true) out.format = format;
}

function convertChildren(schema: Schema, out: Schema): void {
  if (isPlainObject(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).filter(([, child]) => isPlainObject(child)).map(([key, child]) => [key, convertNode(child as Schema)]),
    );
  }
  if (isPlainObject(schema.items)) out.items = convertNode(schema.items);
  const additional = schema.additionalProperties;
  if (typeof additional === 'boolean') out.additionalProperties = additional;
  else if (isPlainObject(additional)) out.additionalProperties = convertNode(additional);
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[combinator];
    if (Array.isArray(branches)) out[combinator] = branches.filter(isPlainObject).map((branch) => convertNode(branch));
  }
  if (isPlainObject(schema.not)) out.not = convertNode(schema.not);
}
