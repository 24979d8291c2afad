import { BadRequestError } from '@app/api-machinery';

/** What a request under /api or /apis addresses, as kube-apiserver's RequestInfoFactory parses it. */
export type RequestInfo =
  | { kind: 'discovery'; path: 'api' | 'apis' | 'group' | 'groupVersion'; group: string; version?: string }
  | {
      kind: 'resource';
      verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
      group: string;
      version: string;
      namespace?: string;
      resource: string;
      name?: string;
      subresource?: string;
    };

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Parses `/api/...` and `/apis/...` paths; undefined when the path is not one kube serves. */
export function parseRequestInfo(method: string, path: string, query: Record<string, unknown>): RequestInfo | undefined {
  const segments = path.split('/').filter(Boolean);
  const prefix = segments.shift();
  if (prefix !== 'api' && prefix !== 'apis') return undefined;
  const parts = segments.map(decodeSegment);
  if (parts.length === 0) return { kind: 'discovery', path: prefix, group: '' };
  const group = prefix === 'api' ? '' : parts.shift()!;
  if (prefix === 'apis' && parts.length === 0) return { kind: 'discovery', path: 'group', group };
  const version = parts.shift()!;
  if (parts.length === 0) return { kind: 'discovery', path: 'groupVersion', group, version };
  return parseResourcePath(method, group, version, parts, query);
}

/** A percent-decoded path segment; a malformed escape (or bytes that are not UTF-8) is the client's error: 400, as Go's URL parser answers. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestError(`invalid URL escape in path segment ${JSON.stringify(segment)}`);
  }
}

function parseResourcePath(method: string, group: string, version: string, parts: string[], query: Record<string, unknown>): RequestInfo | undefined {
  let legacyWatch = false;
  if (parts[0] === 'watch') {
    legacyWatch = true;
    parts = parts.slice(1);
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  const [resource, name, subresource, ...rest] = parts;
  if (!resource || rest.length > 0) return undefined;
  const verb = verbOf(method, name !== undefined, legacyWatch || isTrue(query.watch));
  if (!verb) return undefined;
  return { kind: 'resource', verb, group, version, namespace, resource, name, subresource };
}

function verbOf(method: string, named: boolean, watch: boolean): Extract<RequestInfo, { kind: 'resource' }>['verb'] | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return named ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

/**
 * A boolean query parameter as apimachinery converts one (Convert_Slice_string_To_bool): absent,
 * `0` or `false` (any case) is false; any other value, `True` (Python clients) and `` included, is true.
 */
export function isTrue(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === false) return false;
  if (first === true) return true;
  const text = String(first);
  return text !== '0' && text.toLowerCase() !== 'false';
}
