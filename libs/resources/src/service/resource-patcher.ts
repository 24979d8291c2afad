import {
  applyJsonPatch,
  applyMergePatch,
  BadRequestError,
  ConflictError,
  goJson,
  goQuote,
  KubeObject,
  objectMetaDecodeError,
  StatusError,
  UnsupportedMediaTypeError,
} from '@app/api-machinery';
import { PatchType, WriteResult } from '../client/resource-client.js';
import { parseResourceVersion } from '../storage/codec.js';
import { ApplyOptions, ResourceApplier } from './apply/resource-applier.js';
import { validatePatchOptions } from './apply/apply-config.js';
import { ResourceWriter } from './resource-writer.js';
import { groupResource, RequestScope, resolveWriteOptions } from './request-scope.js';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/**
 * PATCH with JSON patch (RFC 6902) or merge patch (RFC 7386); strategic merge patch is
 * accepted (as a merge patch) only by built-in resources, as kube-apiserver refuses it for
 * custom resources with 415. The patched object takes the normal update path. Server-side
 * apply goes to the ResourceApplier.
 */
export class ResourcePatcher {
  constructor(private readonly writer: ResourceWriter, private readonly applier: ResourceApplier) {}

  async patch(scope: RequestScope, name: string, type: PatchType, patch: unknown, options: ApplyOptions = {}): Promise<WriteResult> {
    if (type === 'strategic' && !scope.definition.acceptsStrategicMerge) {
      throw new UnsupportedMediaTypeError(PATCH_CONTENT_TYPES.strategic, [PATCH_CONTENT_TYPES.json, PATCH_CONTENT_TYPES.merge, PATCH_CONTENT_TYPES.apply]);
    }
    if (type === 'apply') return this.applier.apply(scope, name, patch, options);
    validatePatchOptions(false, options.fieldManager, options.force);
    const opts = resolveWriteOptions(options);
    const precondition = type === 'json' ? undefined : mergePatchPrecondition(patch);
    return this.writer.guaranteedUpdate(scope, name, precondition, opts, (current) => {
      const patched = type === 'json' ? applyJsonPatch(current, patch) : applyMergePatch(current, patch);
      return checkPatched(scope, name, current, patched, options.subresource);
    });
  }
}

/** A string `metadata.resourceVersion` in a merge patch is a precondition; other types fail later, on the patched object. */
function mergePatchPrecondition(patch: unknown): number | undefined {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new BadRequestError('the body of a merge patch must be a JSON object');
  }
  const metadata = (patch as KubeObject).metadata as unknown;
  const rv = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).resourceVersion : undefined;
  return typeof rv === 'string' ? parseResourceVersion(rv) : undefined;
}

/**
 * The patched document must decode as an object of the resource (kube: 422 naming the patched
 * JSON); its resourceVersion, when it has one, must be the current one (no resourceVersion,
 * e.g. removed or set to null, is an unconditional update, as in kube), and its name the URL's.
 */
function checkPatched(scope: RequestScope, name: string, current: KubeObject, patched: unknown, subresource: string | undefined): KubeObject {
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
    throw new BadRequestError('the patched document is not an object');
  }
  const next = patched as KubeObject;
  const decodeError = objectMetaDecodeError(next.metadata);
  if (decodeError) throw patchInvalid(next, decodeError);
  const rv = next.metadata?.resourceVersion;
  if (rv && parseResourceVersion(rv) !== parseResourceVersion(current.metadata?.resourceVersion)) {
    throw new ConflictError(groupResource(scope), name);
  }
  const patchedName = next.metadata?.name;
  if (!patchedName) throw new BadRequestError(`the name of the object (${name} based on URL) was undeterminable: name or generateName is required`);
  if (patchedName !== name) throw new BadRequestError(`the name of the object (${patchedName}) does not match the name on the URL (${name})`);
  if (subresource === 'status') return { ...current, status: next.status };
  if (scope.version.subresources.status) {
    if (current.status === undefined) delete next.status;
    else next.status = current.status;
  }
  return next;
}

/** kube's jsonPatcher answer when the patched JSON does not decode: 422 on the field `patch`, kind and name empty. */
function patchInvalid(patched: KubeObject, detail: string): StatusError {
  const message = `Invalid value: ${goQuote(goJson(patched))}: ${detail}`;
  return new StatusError(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
}
