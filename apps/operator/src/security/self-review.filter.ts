import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { BadRequestError, RequestEntityTooLargeError, StatusError, UnsupportedMediaTypeError } from '@app/api-machinery';
import { SYSTEM_USER, UserInfo } from '@app/resources';
import { decodeKubeProtobuf, KUBE_PROTOBUF_MEDIA_TYPE } from '@app/api-machinery';
import { AccessReviewService, SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS } from '@app/security';
import { MAX_BODY_BYTES, mediaTypeOf } from '../http/body.middleware.js';
import { sendStatus } from '../http/send-status.js';

const BASE = '/apis/authorization.k8s.io/v1/';
const JSON_TYPES = new Set(['', 'application/json']);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/**
 * `POST .../selfsubjectaccessreviews` and `.../selfsubjectrulesreviews`, answered here (201,
 * JSON) and never stored. They are read here rather than by the body middleware because
 * kubectl sends them as Kubernetes protobuf (`application/vnd.kubernetes.protobuf`), which this
 * filter decodes; JSON and YAML are accepted too. Runs after authorization.
 */
export function selfReviewFilter(reviews: AccessReviewService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const kind = req.method === 'POST' && req.path.startsWith(BASE) ? req.path.slice(BASE.length) : '';
    if (kind !== SELF_SUBJECT_ACCESS_REVIEWS && kind !== SELF_SUBJECT_RULES_REVIEWS) return next();
    readBody(req)
      .then((raw) => {
        const body = decode(mediaTypeOf(req.headers['content-type']), raw);
        (req as Request & { body?: unknown }).body = body;
        const user = (req as Request & { user?: UserInfo }).user ?? SYSTEM_USER;
        const review = kind === SELF_SUBJECT_ACCESS_REVIEWS ? reviews.selfSubjectAccessReview(user, body) : reviews.selfSubjectRulesReview(user, body);
        res.status(201).type('application/json').send(JSON.stringify(review));
      })
      .catch((error: unknown) => {
        if (error instanceof StatusError) return sendStatus(res, error);
        next(error);
      });
  };
}

function decode(mediaType: string, raw: Buffer): unknown {
  if (mediaType === KUBE_PROTOBUF_MEDIA_TYPE) return decodeKubeProtobuf(raw);
  const text = raw.toString('utf8');
  if (text.trim() === '') throw new BadRequestError('the request body must not be empty');
  try {
    if (JSON_TYPES.has(mediaType)) return JSON.parse(text);
    if (YAML_TYPES.has(mediaType)) return parseYaml(text);
  } catch (error) {
    throw new BadRequestError(`the request body is not valid: ${(error as Error).message}`);
  }
  throw new UnsupportedMediaTypeError(mediaType, ['application/json', 'application/yaml', KUBE_PROTOBUF_MEDIA_TYPE]);
}

function readBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RequestEntityTooLargeError());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
