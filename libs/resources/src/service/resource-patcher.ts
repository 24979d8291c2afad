import { applyJsonPatch, applyMergePatch, BadRequestError, ConflictError, KubeObject, UnsupportedMediaTypeError } from '@app/api-machinery';
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

function mergePatchPrecondition(patch: unknown): number | undefined {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new BadRequestError('the body of a merge patch must be a JSON object');
  }
  const rv = (patch as KubeObject).metadata?.resourceVersion;
  const parsed = parseResourceVersion(typeof rv === 'string' ? rv : undefined);
  if (parsed !== undefined && Number.isNaN(parsed)) throw new BadRequestError(`invalid resourceVersion: ${String(rv)}`);
  return parsed;
}

function checkPatched(scope: RequestScope, name: string, current: KubeObject, patched: unknown, subresource: string | undefined): KubeObject {
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
    throw new BadRequestError('the patched document is not an object');
  }
  const next = patched as KubeObject;
  if (next.metadata?.resourceVersion !== current.metadata?.resourceVersion) {
    throw new ConflictError(groupResource(scope), name);
  }
  if (next.metadata?.name !== undefined && next.metadata.name !== name) {
    throw new BadRequestError(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`);
  }
  if (subresource === 'status') return { ...current, status: next.status };
  if (scope.version.subresources.status) {
    if (current.status === undefined) delete next.status;
    else next.status = current.status;
  }
  return next;
}
