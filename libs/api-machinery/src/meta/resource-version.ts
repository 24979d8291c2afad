import { BadRequestError } from '../errors/status-error.js';
import { goJsonTypeName, goQuote } from '../util/go-format.js';

const MAX_UINT64 = 18446744073709551615n;

/**
 * Go's `strconv.ParseUint(value, 10, 64)` failure text ("strconv.ParseUint: parsing "x": invalid
 * syntax" / "value out of range"), or undefined when `value` is a valid uint64.
 */
export function parseUintError(value: string): string | undefined {
  if (!/^[0-9]+$/.test(value)) return `strconv.ParseUint: parsing ${goQuote(value)}: invalid syntax`;
  if (BigInt(value) > MAX_UINT64) return `strconv.ParseUint: parsing ${goQuote(value)}: value out of range`;
  return undefined;
}

/**
 * A client-supplied resourceVersion (query parameter, delete precondition or body field), parsed
 * as kube-apiserver's APIObjectVersioner does: undefined for absent or empty, the revision for a
 * uint64 (revisions beyond 2^53 lose precision but stay larger than any written), and 400
 * BadRequest with kube's etcd3 wording for anything else (`invalid resource version:
 * resourceVersion: Invalid value: "x": strconv.ParseUint: parsing "x": invalid syntax`).
 */
export function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  // Callers pass decoded strings; anything else reaching here is a client's JSON value of another type.
  if (typeof value !== 'string') throw new BadRequestError(`invalid resource version: ${goJsonTypeName(value)} is not a string`);
  const error = parseUintError(value);
  if (error) throw new BadRequestError(`invalid resource version: resourceVersion: Invalid value: ${goQuote(value)}: ${error}`);
  return Number(value);
}

/** The ObjectMeta fields of type string (sorted, the order Go decodes a re-marshalled map in). */
const OBJECT_META_STRINGS = ['generateName', 'name', 'namespace', 'resourceVersion', 'selfLink', 'uid'];

/**
 * What kube-apiserver's decoding of `metadata` into an ObjectMeta reports for a value of the
 * wrong JSON type (`json: cannot unmarshal number into Go struct field ObjectMeta.resourceVersion
 * of type string`), or undefined when it decodes. Checks the shape and the string fields; null
 * decodes as "absent".
 */
export function objectMetaDecodeError(metadata: unknown): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  const type = goJsonTypeName(metadata);
  if (type !== 'object') return `json: cannot unmarshal ${type} into Go value of type v1.ObjectMeta`;
  for (const field of OBJECT_META_STRINGS) {
    const valueType = goJsonTypeName((metadata as Record<string, unknown>)[field]);
    if (valueType !== 'string' && valueType !== 'null') return `json: cannot unmarshal ${valueType} into Go struct field ObjectMeta.${field} of type string`;
  }
  return undefined;
}
