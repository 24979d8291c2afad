import { BadRequestError, UnsupportedMediaTypeError } from '@app/api-machinery';
import { DeleteOptions, ListQuery, PATCH_CONTENT_TYPES, PatchType, WatchQuery, WriteOptions } from '@app/resources';
import { isTrue } from './request-info.js';

export type Query = Record<string, unknown>;

/** The first value of a query parameter (Express gives arrays for repeated ones). */
export function param(query: Query, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function integer(query: Query, name: string): number | undefined {
  const text = param(query, name);
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new BadRequestError(`invalid ${name}: ${JSON.stringify(text)}: must be a non-negative integer`);
  return Number(text);
}

export function listQuery(query: Query): ListQuery {
  return {
    labelSelector: param(query, 'labelSelector'),
    fieldSelector: param(query, 'fieldSelector'),
    limit: integer(query, 'limit'),
    continue: param(query, 'continue'),
    resourceVersion: param(query, 'resourceVersion'),
  };
}

export function watchQuery(query: Query): WatchQuery & { timeoutSeconds?: number } {
  return {
    labelSelector: param(query, 'labelSelector'),
    fieldSelector: param(query, 'fieldSelector'),
    resourceVersion: param(query, 'resourceVersion'),
    allowWatchBookmarks: isTrue(query.allowWatchBookmarks),
    timeoutSeconds: integer(query, 'timeoutSeconds'),
  };
}

/** dryRun, fieldManager and fieldValidation, validated as kube-apiserver does. Default validation: Warn. */
export function writeOptions(query: Query, body?: { dryRun?: unknown }): WriteOptions {
  const dryRun = [param(query, 'dryRun'), ...(Array.isArray(body?.dryRun) ? body.dryRun : [])].filter((v) => v !== undefined && v !== '');
  for (const value of dryRun) {
    if (value !== 'All') throw new BadRequestError(`Invalid dry run value: ${JSON.stringify(value)}; supported values: "All"`);
  }
  const fieldValidation = param(query, 'fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fieldValidation)) {
    throw new BadRequestError(`invalid or unsupported fieldValidation directive: "${fieldValidation}"; supported values are "Strict", "Warn", and "Ignore"`);
  }
  const fieldManager = param(query, 'fieldManager');
  if (fieldManager !== undefined && fieldManager.length > 128) throw new BadRequestError('fieldManager: Too long: may not be more than 128 bytes');
  return { dryRun: dryRun.length > 0, fieldManager, fieldValidation: fieldValidation as WriteOptions['fieldValidation'] };
}

export function deleteOptions(query: Query, body: unknown): DeleteOptions {
  const options = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const preconditions = typeof options.preconditions === 'object' && options.preconditions !== null ? (options.preconditions as DeleteOptions['preconditions']) : undefined;
  const policy = (options.propagationPolicy ?? param(query, 'propagationPolicy')) as DeleteOptions['propagationPolicy'] | undefined;
  if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw new BadRequestError(`propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return { ...writeOptions(query, options), preconditions, propagationPolicy: policy };
}

const PATCH_TYPES = Object.entries(PATCH_CONTENT_TYPES) as [PatchType, string][];

export function patchType(mediaType: string | undefined): PatchType {
  const match = PATCH_TYPES.find(([, type]) => type === mediaType);
  if (!match) throw new UnsupportedMediaTypeError(mediaType ?? '', PATCH_TYPES.map(([, type]) => type));
  return match[0];
}
