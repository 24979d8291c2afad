import type { NextFunction, Request, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { BadRequestError, decodeKubeProtobuf, KUBE_PROTOBUF_MEDIA_TYPE, RequestEntityTooLargeError, StatusError, UnsupportedMediaTypeError } from '@app/api-machinery';
import { MAX_BODY_DEPTH, valueDeeperThan, yamlDeeperThan } from './nesting-depth.js';
import { sendStatus } from './send-status.js';

/** kube-apiserver's limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

const JSON_TYPES = new Set([
  'application/json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
]);
const YAML_TYPES = new Set(['application/apply-patch+yaml', 'application/yaml', 'application/x-yaml', 'text/yaml']);

export interface ParsedRequest extends Request {
  /** The media type the body came in (lower case, parameters removed); '' when absent. */
  mediaType?: string;
}

/**
 * Reads and parses every request body ourselves so that each failure is a Kubernetes Status:
 * over 3 MiB → 413, an unknown media type → 415, malformed JSON/YAML → 400. Protobuf bodies
 * (what kubectl sends for built-in kinds) are decoded for the kinds kubectl's generators create. `req.body` is the
 * parsed document (undefined for an empty body).
 */
export function bodyMiddleware(req: ParsedRequest, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return reject(req, res, new RequestEntityTooLargeError());
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES && !failed) {
      failed = true;
      reject(req, res, new RequestEntityTooLargeError());
    } else if (!failed) chunks.push(chunk);
  });
  req.on('end', () => {
    if (failed) return;
    try {
      req.mediaType = mediaTypeOf(req.headers['content-type']);
      const raw = Buffer.concat(chunks);
      req.body = req.mediaType === KUBE_PROTOBUF_MEDIA_TYPE ? decodeKubeProtobuf(raw) : parseBody(req.mediaType, raw.toString('utf8'));
      next();
    } catch (error) {
      sendStatus(res, error as StatusError);
    }
  });
  req.on('error', () => undefined);
}

function reject(req: Request, res: Response, error: StatusError): void {
  res.setHeader('Connection', 'close');
  sendStatus(res, error);
  req.resume();
}

export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function parseBody(mediaType: string, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (mediaType === '' || JSON_TYPES.has(mediaType)) return notTooDeep(parseJson(text));
  if (YAML_TYPES.has(mediaType)) {
    if (yamlDeeperThan(text, MAX_BODY_DEPTH)) throw tooDeep();
    return notTooDeep(parseYamlDocument(text));
  }
  throw new UnsupportedMediaTypeError(mediaType, [...JSON_TYPES, ...YAML_TYPES]);
}

/** A body nested deeper than MAX_BODY_DEPTH is refused here: recursive code further on would run out of stack. */
function notTooDeep(value: unknown): unknown {
  if (valueDeeperThan(value, MAX_BODY_DEPTH)) throw tooDeep();
  return value;
}

function tooDeep(): BadRequestError {
  return new BadRequestError(`the request body is nested too deeply: more than ${MAX_BODY_DEPTH} levels of arrays and objects`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function parseYamlDocument(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch (error) {
    throw new BadRequestError(`the request body is not valid YAML: ${(error as Error).message}`);
  }
}
