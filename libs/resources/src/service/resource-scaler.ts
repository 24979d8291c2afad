import { applyJsonPatch, applyMergePatch, BadRequestError, fieldCause, InvalidError, KubeObject, objectMetaDecodeError, PathNotFoundError } from '@app/api-machinery';
import { PatchType, WriteOptions } from '../client/resource-client.js';
import { parseResourceVersion } from '../storage/codec.js';
import { ResourceReader } from './resource-reader.js';
import { ResourceWriter } from './resource-writer.js';
import { RequestScope, resolveWriteOptions } from './request-scope.js';

/** autoscaling/v1 Scale, as the scale subresource serves it. */
export interface Scale extends KubeObject {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/**
 * The `/scale` subresource over the paths a CRD declares (specReplicasPath,
 * statusReplicasPath, labelSelectorPath). Writes change only the spec replicas path.
 */
export class ResourceScaler {
  constructor(private readonly reader: ResourceReader, private readonly writer: ResourceWriter) {}

  async get(scope: RequestScope, name: string): Promise<Scale> {
    return toScale(scope, await this.reader.get(scope, name));
  }

  async update(scope: RequestScope, name: string, body: unknown, options?: WriteOptions): Promise<{ object: Scale; warnings: string[] }> {
    const scale = checkScale(body);
    const precondition = parseResourceVersion(scale.metadata?.resourceVersion);
    return this.write(scope, name, precondition, options, () => scale);
  }

  async patch(scope: RequestScope, name: string, type: PatchType, patch: unknown, options?: WriteOptions): Promise<{ object: Scale; warnings: string[] }> {
    if (type === 'apply') throw new BadRequestError('server-side apply is not supported on the scale subresource');
    return this.write(scope, name, undefined, options, (current) => {
      const patched = type === 'json' ? applyJsonPatch(current, patch) : applyMergePatch(current, patch);
      return checkScale(patched);
    });
  }

  private async write(scope: RequestScope, name: string, precondition: number | undefined, options: WriteOptions | undefined, next: (current: Scale) => Scale) {
    const paths = scalePaths(scope);
    const opts = resolveWriteOptions({ ...options, subresource: 'scale' });
    const result = await this.writer.guaranteedUpdate(scope, name, Number.isNaN(precondition) ? undefined : precondition, opts, (current) => {
      const scale = next(toScale(scope, current));
      const replicas = scale.spec?.replicas;
      if (!Number.isInteger(replicas) || (replicas as number) < 0) {
        throw new InvalidError({ group: 'autoscaling', kind: 'Scale' }, name, [fieldCause.invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
      }
      setPath(current, paths.specReplicasPath, replicas);
      return current;
    });
    return { object: toScale(scope, result.object), warnings: result.warnings };
  }
}

function scalePaths(scope: RequestScope) {
  const paths = scope.version.subresources.scale;
  if (!paths) throw new PathNotFoundError();
  return paths;
}

function toScale(scope: RequestScope, object: KubeObject): Scale {
  const paths = scalePaths(scope);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata ?? {};
  const selector = paths.labelSelectorPath ? getPath(object, paths.labelSelectorPath) : undefined;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(getPath(object, paths.specReplicasPath) ?? 0) },
    status: { replicas: Number(getPath(object, paths.statusReplicasPath) ?? 0), ...(typeof selector === 'string' ? { selector } : {}) },
  };
}

function checkScale(body: unknown): Scale {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('the body of the request must be a Scale object');
  const scale = body as Scale;
  if (scale.kind !== undefined && scale.kind !== 'Scale') throw new BadRequestError(`the kind in the data (${String(scale.kind)}) does not match the expected kind (Scale)`);
  const decodeError = objectMetaDecodeError(scale.metadata);
  if (decodeError) throw new BadRequestError(`Scale in version "v1" cannot be handled as a Scale: ${decodeError}`);
  return scale;
}

/** Reads `.a.b.c` (the simple JSONPath CRDs use for scale paths). */
function getPath(object: unknown, path: string): unknown {
  return path.replace(/^\./, '').split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), object);
}

function setPath(object: KubeObject, path: string, value: unknown): void {
  const keys = path.replace(/^\./, '').split('.');
  let target = object as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}
