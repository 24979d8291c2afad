import { AlreadyExistsError, BadRequestError, ConflictError, KubeObject, NotFoundError } from '@app/api-machinery';
import { WriteOptions, WriteResult } from '../../client/resource-client.js';
import { parseResourceVersion } from '../../storage/codec.js';
import { ResourceReader } from '../resource-reader.js';
import { ResourceWriter } from '../resource-writer.js';
import { groupResource, RequestScope, resolveWriteOptions, ResolvedWriteOptions } from '../request-scope.js';
import { checkApplyConfig, validatePatchOptions } from './apply-config.js';
import { FieldManager } from './field-manager.js';

export type ApplyOptions = WriteOptions & { subresource?: string; force?: boolean };

/** One apply request, resolved. */
interface ApplyRequest {
  scope: RequestScope;
  name: string;
  config: KubeObject;
  manager: string;
  force: boolean;
  fields: FieldManager;
  opts: ResolvedWriteOptions;
}

/**
 * Server-side apply (PATCH `application/apply-patch+yaml`): merges the applied configuration
 * into the live object with field ownership (FieldManager), or creates the object when it does
 * not exist (`created: true`; not through a subresource). The result takes the normal write
 * path (admission, schema, compare-and-swap, dryRun). Retried when the object appears or
 * disappears concurrently; a `metadata.resourceVersion` in the configuration is a precondition.
 */
export class ResourceApplier {
  constructor(private readonly reader: ResourceReader, private readonly writer: ResourceWriter) {}

  async apply(scope: RequestScope, name: string, patch: unknown, options: ApplyOptions = {}): Promise<WriteResult> {
    validatePatchOptions(true, options.fieldManager, options.force);
    const config = checkApplyConfig(scope, name, patch, options.subresource);
    const opts: ResolvedWriteOptions = { ...resolveWriteOptions(options), managedFieldsFromApply: true };
    const request: ApplyRequest = { scope, name, config, manager: options.fieldManager!, force: options.force === true, fields: new FieldManager(scope, options.subresource), opts };
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = await this.reader.getStored(scope, name);
        if (stored) return await this.update(request, stored);
        if (options.subresource) throw new NotFoundError(groupResource(scope), name);
        return await this.create(request);
      } catch (error) {
        const raced = error instanceof AlreadyExistsError || (error instanceof NotFoundError && !options.subresource);
        if (!raced || attempt >= 4) throw error;
      }
    }
  }

  private update(request: ApplyRequest, stored: KubeObject): Promise<WriteResult> {
    const { scope, name, config } = request;
    checkUid(scope, name, config, stored);
    const precondition = parseResourceVersion(config.metadata?.resourceVersion);
    return this.writer.guaranteedUpdate(scope, name, precondition, request.opts, (current) => {
      checkUid(scope, name, config, current);
      return request.fields.apply(current, config, request.manager, request.force).object;
    });
  }

  private create(request: ApplyRequest): Promise<WriteResult> {
    const { scope, name, config } = request;
    const uid = config.metadata?.uid;
    if (uid) throw new ConflictError(groupResource(scope), name, `uid mismatch: the provided object specified uid ${uid}, and no existing object was found`);
    if (!config.metadata?.name) throw new BadRequestError(`the name of the object (${name} based on URL) was undeterminable: name or generateName is required`);
    const { object } = request.fields.apply(undefined, config, request.manager, request.force);
    return this.writer.create(scope, object, request.opts);
  }
}

/** A uid in the applied configuration is a precondition on the live object's. */
function checkUid(scope: RequestScope, name: string, config: KubeObject, live: KubeObject): void {
  const uid = config.metadata?.uid;
  if (uid && uid !== live.metadata?.uid) {
    throw new ConflictError(groupResource(scope), name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${live.metadata?.uid ?? ''}`);
  }
}
