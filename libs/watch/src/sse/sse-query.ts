import { BadRequestError } from '@app/api-machinery';

/** Raw `GET /watch` query parameters as Express parses them. */
export type SseQueryParams = Record<string, string | string[] | undefined | unknown>;

/** A validated `GET /watch` request. */
export interface SseRequest {
  /** Kind names or plural resource names, compared case-insensitively (default `Application`). */
  kinds: string[];
  namespace?: string;
  name?: string;
  labelSelector?: string;
  /** `include=events`: also Events whose involvedObject matches kinds, namespace and name. */
  includeEvents: boolean;
  /** Resume after this revision (Last-Event-ID wins over `resourceVersion`); absent: from now. */
  fromRevision?: number;
}

const INCLUDES = ['events'];
const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9.-]*$/;

/** Parses and validates the query and the Last-Event-ID header; throws BadRequestError (400). */
export function parseSseRequest(query: SseQueryParams, lastEventId?: string): SseRequest {
  const kinds = list(query, 'kind');
  const include = list(query, 'include');
  const badKind = kinds.find((kind) => !KIND_PATTERN.test(kind));
  if (badKind !== undefined) throw new BadRequestError(`invalid kind "${badKind}"`);
  const badInclude = include.find((value) => !INCLUDES.includes(value));
  if (badInclude !== undefined) throw new BadRequestError(`unsupported include "${badInclude}": supported values: "events"`);
  return {
    kinds: kinds.length > 0 ? kinds : ['Application'],
    namespace: single(query, 'namespace'),
    name: single(query, 'name'),
    labelSelector: single(query, 'labelSelector'),
    includeEvents: include.includes('events'),
    fromRevision: resumeRevision(lastEventId?.trim() || single(query, 'resourceVersion')),
  };
}

function resumeRevision(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new BadRequestError(`invalid resourceVersion "${text}": must be a revision (a non-negative integer)`);
  }
  const revision = Number(text);
  return revision > 0 ? revision : undefined;
}

function single(query: SseQueryParams, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`query parameter "${key}" may be given once`);
  return value;
}

function list(query: SseQueryParams, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  const parts = Array.isArray(value) ? value : [value];
  if (parts.some((part) => typeof part !== 'string')) throw new BadRequestError(`invalid query parameter "${key}"`);
  return (parts as string[]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean);
}
