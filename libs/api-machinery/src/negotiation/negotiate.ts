import { NotAcceptableError } from '../errors/status-error.js';
import { GroupVersionKind } from '../meta/types.js';
import { MediaRange, parseAccept } from './accept.js';

/** The media types this server can serialise, in preference order. */
export const SERVED_MEDIA_TYPES: readonly string[] = ['application/json', 'application/yaml'];

/** What an endpoint can convert its response to (`as=Table;g=meta.k8s.io;v=v1`, ...). */
export type ConversionFilter = (target: GroupVersionKind) => boolean;

/** The outcome of content negotiation for one response. */
export interface NegotiatedMediaType {
  /** The serialisation to use, e.g. `application/json`. */
  mediaType: string;
  /** Set when the client asked for a converted representation (Table, APIGroupDiscoveryList). */
  convert?: GroupVersionKind;
  /** `stream=watch` when asked. */
  stream?: string;
  /** `pretty=1`. */
  pretty: boolean;
}

/** What the endpoint serves; see negotiateMediaType. */
export interface NegotiationOptions {
  /** Media types served, first is the default; default SERVED_MEDIA_TYPES. */
  served?: readonly string[];
  /** Conversions this endpoint supports; none by default. */
  allowsConversion?: ConversionFilter;
}

/**
 * kube-apiserver's NegotiateMediaTypeOptions: the first Accept range (in q order) that names a
 * served type (or a wildcard) and whose `as/g/v`/`stream` parameters the endpoint supports. A
 * range naming a type we do not serve (protobuf) is skipped, so JSON is answered when protobuf
 * is listed first. No header means the default type. Throws NotAcceptableError (406) otherwise.
 */
export function negotiateMediaType(header: string | undefined, options: NegotiationOptions = {}): NegotiatedMediaType {
  const served = options.served ?? SERVED_MEDIA_TYPES;
  if (!header || header.trim() === '') return { mediaType: served[0], pretty: false };
  for (const range of parseAccept(header)) {
    if (range.q <= 0) continue;
    for (const mediaType of served) {
      if (!rangeCovers(range, mediaType)) continue;
      const accepted = acceptParams(range, mediaType, options.allowsConversion ?? (() => false));
      if (accepted) return accepted;
    }
  }
  throw new NotAcceptableError(`only the following media types are accepted: ${served.join(', ')}`);
}

function rangeCovers(range: MediaRange, mediaType: string): boolean {
  const [type, subtype] = mediaType.split('/');
  return (range.type === type && (range.subtype === subtype || range.subtype === '*')) || (range.type === '*' && range.subtype === '*');
}

/** acceptMediaTypeOptions: known parameters must be satisfiable, unknown ones are ignored. */
function acceptParams(range: MediaRange, mediaType: string, allowsConversion: ConversionFilter): NegotiatedMediaType | undefined {
  const { as, g, v, stream, pretty } = range.params;
  if (stream && (stream !== 'watch' || mediaType !== 'application/json')) return undefined;
  const result: NegotiatedMediaType = { mediaType, pretty: pretty === '1' };
  if (stream) result.stream = stream;
  if (as !== undefined || g !== undefined || v !== undefined) {
    const convert = { group: g ?? '', version: v ?? '', kind: as ?? '' };
    if (!allowsConversion(convert)) return undefined;
    result.convert = convert;
  }
  return result;
}
