import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { BadRequestError, RequestEntityTooLargeError, StatusError, UnsupportedMediaTypeError } from '@app/api-machinery';
import { SYSTEM_USER, UserInfo } from '@app/resources';
import { decodeKubeProtobuf, KUBE_PROTOBUF_MEDIA_TYPE } from '@app/api-machinery';
import { AccessReviewService, TokenReviewService } from '@app/security';
import { MAX_BODY_BYTES, mediaTypeOf } from '../http/body.middleware.js';
import { sendStatus } from '../http/send-status.js';

const JSON_TYPES = new Set(['', 'application/json']);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

type Answer = (body: unknown, user: UserInfo, namespace: string) => unknown;

/** The review resources, by the path under /apis that creates them (`{ns}` for the namespaced one). */
function answers(access: AccessReviewService, tokens: TokenReviewService): Map<string, Answer> {
  return new Map<string, Answer>([
    ['authorization.k8s.io/v1/selfsubjectaccessreviews', (body, user) => access.selfSubjectAccessReview(user, body)],
    ['authorization.k8s.io/v1/selfsubjectrulesreviews', (body, user) => access.selfSubjectRulesReview(user, body)],
    ['authorization.k8s.io/v1/subjectaccessreviews', (body) => access.subjectAccessReview(body)],
    ['authorization.k8s.io/v1/namespaces/{ns}/localsubjectaccessreviews', (body, _user, namespace) => access.localSubjectAccessReview(namespace, body)],
    ['authentication.k8s.io/v1/tokenreviews', (body) => tokens.tokenReview(body)],
    ['authentication.k8s.io/v1/selfsubjectreviews', (body, user) => tokens.selfSubjectReview(user, body)],
  ]);
}

/**
 * `POST` of the review resources (SelfSubjectAccessReview, SelfSubjectRulesReview,
 * SubjectAccessReview, LocalSubjectAccessReview, TokenReview, SelfSubjectReview), answered here
 * (201, JSON) and never stored. They are read here rather than by the body middleware because
 * kubectl sends them as Kubernetes protobuf (`application/vnd.kubernetes.protobuf`), which this
 * filter decodes; JSON and YAML are accepted too. Runs after authorization.
 */
export function selfReviewFilter(access: AccessReviewService, tokens: TokenReviewService): RequestHandler {
  const table = answers(access, tokens);
  return (req: Request, res: Response, next: NextFunction) => {
    const match = req.method === 'POST' ? reviewOf(req.path) : undefined;
    const answer = match && table.get(match.key);
    if (!match || !answer) return next();
    readBody(req)
      .then(async (raw) => {
        const body = decode(mediaTypeOf(req.headers['content-type']), raw);
        (req as Request & { body?: unknown }).body = body;
        const user = (req as Request & { user?: UserInfo }).user ?? SYSTEM_USER;
        const review = await answer(body, user, match.namespace);
        res.status(201).type('application/json').send(JSON.stringify(review));
      })
      .catch((error: unknown) => {
        if (error instanceof StatusError) return sendStatus(res, error);
        next(error);
      });
  };
}

/** `/apis/<group>/v1/[namespaces/<ns>/]<plural>` → the table key and the namespace. */
function reviewOf(path: string): { key: string; namespace: string } | undefined {
  const match = /^\/apis\/(authorization\.k8s\.io|authentication\.k8s\.io)\/v1\/(?:namespaces\/([^/]+)\/)?([a-z]+)$/.exec(path);
  if (!match) return undefined;
  const [, group, namespace, plural] = match;
  return { key: `${group}/v1/${namespace !== undefined ? 'namespaces/{ns}/' : ''}${plural}`, namespace: namespace ?? '' };
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
