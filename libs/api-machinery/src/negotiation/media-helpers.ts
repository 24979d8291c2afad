import { BadRequestError } from '../errors/status-error.js';
import { GroupVersionKind } from '../meta/types.js';
import { IncludeObjectPolicy, TableGroupVersion } from '../table/table.types.js';
import { parseAccept } from './accept.js';
import { negotiateMediaType, NegotiationOptions } from './negotiate.js';

/** Media type of Kubernetes protobuf, which this server does not serve. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** Resource endpoints convert to meta.k8s.io Table, v1 or v1beta1. */
export const allowsTable = ({ group, version, kind }: GroupVersionKind): boolean =>
  group === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1') && kind === 'Table';

/** Discovery endpoints convert to apidiscovery.k8s.io/v2 APIGroupDiscoveryList (not v2beta1). */
export const allowsAggregatedDiscovery = ({ group, version, kind }: GroupVersionKind): boolean =>
  group === 'apidiscovery.k8s.io' && version === 'v2' && kind === 'APIGroupDiscoveryList';

/**
 * The Table version to answer with, when negotiation picks a Table range (kubectl get sends
 * `application/json;as=Table;v=v1;g=meta.k8s.io,...,application/json`); undefined for plain
 * JSON or when nothing is acceptable.
 */
export function negotiatedTableVersion(accept: string | undefined, options: Omit<NegotiationOptions, 'allowsConversion'> = {}): TableGroupVersion | undefined {
  const convert = tryNegotiate(accept, { ...options, allowsConversion: allowsTable })?.convert;
  return convert ? (`${convert.group}/${convert.version}` as TableGroupVersion) : undefined;
}

/** True when the response should be a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  return negotiatedTableVersion(accept) !== undefined;
}

/** True when `/api` or `/apis` should answer the aggregated discovery v2 document. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return tryNegotiate(accept, { allowsConversion: allowsAggregatedDiscovery })?.convert !== undefined;
}

/** True when every acceptable range asks for protobuf (nothing we can serve). */
export function isProtobufOnly(accept: string | undefined): boolean {
  const ranges = parseAccept(accept).filter((range) => range.q > 0);
  return ranges.length > 0 && ranges.every((range) => `${range.type}/${range.subtype}` === PROTOBUF_MEDIA_TYPE);
}

function tryNegotiate(accept: string | undefined, options: NegotiationOptions) {
  try {
    return negotiateMediaType(accept, options);
  } catch {
    return undefined;
  }
}

/**
 * `?includeObject=`: Metadata when absent or empty; throws BadRequestError with kube's message
 * for anything but None, Metadata or Object.
 */
export function includeObjectPolicy(value: string | undefined | null): IncludeObjectPolicy {
  if (value === undefined || value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw new BadRequestError(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}
