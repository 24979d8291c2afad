import { ExpiredError, BadRequestError, KubeList, KubeObject, NotFoundError } from '@app/api-machinery';
import { Store } from '@app/storage';
import { ListQuery } from '../client/resource-client.js';
import { decode, parseResourceVersion } from '../storage/codec.js';
import { collectionPrefix, objectKey } from '../storage/keys.js';
import { storeCall } from '../storage/storage-errors.js';
import { compileSelectors, ObjectPredicate } from './selection.js';
import { groupResource, RequestScope, requestApiVersion } from './request-scope.js';

/** Reads objects, converted to the request's version. */
export class ResourceReader {
  constructor(private readonly store: Store) {}

  /** The stored object in its storage version (for writers), or undefined. */
  async getStored(scope: RequestScope, name: string): Promise<KubeObject | undefined> {
    const kv = await storeCall(groupResource(scope), name, () => this.store.get(objectKey(scope.definition, scope.namespace, name)));
    return kv ? decode(kv) : undefined;
  }

  async get(scope: RequestScope, name: string): Promise<KubeObject> {
    const stored = await this.getStored(scope, name);
    if (!stored) throw new NotFoundError(groupResource(scope), name);
    return scope.definition.convert(stored, scope.version.name);
  }

  /**
   * A list at one revision. With selectors, pages are refilled from the store until `limit`
   * matching items are found (as kube-apiserver's etcd3 store does), so `continue` always
   * points just after the last returned item.
   */
  async list(scope: RequestScope, query: ListQuery = {}): Promise<KubeList> {
    const predicate = compileSelectors(scope.definition, query);
    const limit = parseLimit(query.limit);
    const prefix = collectionPrefix(scope.definition, scope.namespace);
    const revision = this.listRevision(query);
    const items: KubeObject[] = [];
    let token = query.continue || undefined;
    let result;
    do {
      const pageSize = limit ? limit - items.length : undefined;
      result = await storeCall(groupResource(scope), '', () => this.store.list(prefix, { limit: pageSize, continue: token, revision: token ? undefined : revision }));
      for (const kv of result.items) {
        const object = scope.definition.convert(decode(kv), scope.version.name);
        if (predicate(object)) items.push(object);
      }
      token = result.continue;
    } while (token && limit && items.length < limit);
    return this.toList(scope, items, result.revision, token, predicate.isEverything ? result.remainingItemCount : undefined);
  }

  private listRevision(query: ListQuery): number | undefined {
    const rv = parseResourceVersion(query.resourceVersion);
    if (rv !== undefined && Number.isNaN(rv)) throw new BadRequestError(`invalid resourceVersion: ${query.resourceVersion}`);
    return rv || undefined;
  }

  private toList(scope: RequestScope, items: KubeObject[], revision: number, token: string | undefined, remaining: number | undefined): KubeList {
    const metadata: KubeList['metadata'] = { resourceVersion: String(revision) };
    if (token) metadata.continue = token;
    if (token && remaining !== undefined) metadata.remainingItemCount = remaining;
    return { apiVersion: requestApiVersion(scope), kind: scope.definition.listKind, metadata, items };
  }
}

function parseLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) throw new BadRequestError(`invalid limit: ${limit}`);
  return limit || undefined;
}

export type { ObjectPredicate };
export { ExpiredError };
