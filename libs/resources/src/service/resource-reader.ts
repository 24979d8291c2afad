import { ExpiredError, BadRequestError, KubeList, KubeObject, NotFoundError } from '@app/api-machinery';
import { KeyValue, Store } from '@app/storage';
import { ListQuery } from '../client/resource-client.js';
import { decode, parseResourceVersion } from '../storage/codec.js';
import { collectionPrefix, objectKey } from '../storage/keys.js';
import { storeCall } from '../storage/storage-errors.js';
import { ObjectJsonCache } from './object-json-cache.js';
import { compileSelectors, ObjectPredicate } from './selection.js';
import { groupResource, RequestScope, requestApiVersion } from './request-scope.js';

/** What one page walk collected: the matching items and the list's metadata inputs. */
interface Collected<T> {
  items: T[];
  revision: number;
  token: string | undefined;
  remaining: number | undefined;
}

/**
 * Reads objects, converted to the request's version: as fresh objects the caller owns (`get`,
 * `list`), or as the JSON text the API answers with (`getJson`, `listJson`: byte for byte
 * `JSON.stringify` of what `get`/`list` return, served from an ObjectJsonCache when the stored
 * version is unchanged).
 */
export class ResourceReader {
  constructor(private readonly store: Store, private readonly jsonCache = new ObjectJsonCache()) {}

  /** The stored object in its storage version (for writers), or undefined. */
  async getStored(scope: RequestScope, name: string): Promise<KubeObject | undefined> {
    const kv = await this.fetch(scope, name);
    return kv ? decode(kv) : undefined;
  }

  async get(scope: RequestScope, name: string): Promise<KubeObject> {
    return this.toObject(scope, await this.fetchExisting(scope, name));
  }

  /** `JSON.stringify(await get(scope, name))`. */
  async getJson(scope: RequestScope, name: string): Promise<string> {
    return this.toJson(scope, await this.fetchExisting(scope, name)).json;
  }

  /**
   * A list at one revision. With selectors, pages are refilled from the store until `limit`
   * matching items are found (as kube-apiserver's etcd3 store does), so `continue` always
   * points just after the last returned item.
   */
  async list(scope: RequestScope, query: ListQuery = {}): Promise<KubeList> {
    const predicate = compileSelectors(scope.definition, query);
    const collected = await this.collect(scope, query, predicate, (kv) => {
      const object = this.toObject(scope, kv);
      return predicate(object) ? object : undefined;
    });
    return { ...this.listHead(scope, collected), items: collected.items };
  }

  /** `JSON.stringify(await list(scope, query))`, without building the objects when nothing filters them. */
  async listJson(scope: RequestScope, query: ListQuery = {}): Promise<string> {
    const predicate = compileSelectors(scope.definition, query);
    const collected = await this.collect(scope, query, predicate, (kv) => {
      const { json, object } = this.toJson(scope, kv);
      return predicate.isEverything || predicate(object ?? (JSON.parse(json) as KubeObject)) ? json : undefined;
    });
    const head = JSON.stringify(this.listHead(scope, collected));
    return `${head.slice(0, -1)},"items":[${collected.items.join(',')}]}`;
  }

  private async collect<T>(scope: RequestScope, query: ListQuery, predicate: ObjectPredicate, item: (kv: KeyValue) => T | undefined): Promise<Collected<T>> {
    const limit = parseLimit(query.limit);
    const prefix = collectionPrefix(scope.definition, scope.namespace);
    const revision = this.listRevision(query);
    const items: T[] = [];
    let token = query.continue || undefined;
    let result;
    do {
      const pageSize = limit ? limit - items.length : undefined;
      result = await storeCall(groupResource(scope), '', () => this.store.list(prefix, { limit: pageSize, continue: token, revision: token ? undefined : revision }));
      for (const kv of result.items) {
        const matched = item(kv);
        if (matched !== undefined) items.push(matched);
      }
      token = result.continue;
    } while (token && limit && items.length < limit);
    return { items, revision: result.revision, token, remaining: predicate.isEverything ? result.remainingItemCount : undefined };
  }

  private fetch(scope: RequestScope, name: string): Promise<KeyValue | undefined> {
    return storeCall(groupResource(scope), name, () => this.store.get(objectKey(scope.definition, scope.namespace, name)));
  }

  private async fetchExisting(scope: RequestScope, name: string): Promise<KeyValue> {
    const kv = await this.fetch(scope, name);
    if (!kv) throw new NotFoundError(groupResource(scope), name);
    return kv;
  }

  private toObject(scope: RequestScope, kv: KeyValue): KubeObject {
    return scope.definition.convert(decode(kv), scope.version.name);
  }

  /** The JSON of one stored version (from the cache, or built and cached), with the object when it had to be built. */
  private toJson(scope: RequestScope, kv: KeyValue): { json: string; object?: KubeObject } {
    const { definition, version } = scope;
    const cached = this.jsonCache.get(definition, version.name, kv);
    if (cached !== undefined) return { json: cached };
    const object = this.toObject(scope, kv);
    const json = JSON.stringify(object);
    this.jsonCache.set(definition, version.name, kv, json);
    return { json, object };
  }

  private listRevision(query: ListQuery): number | undefined {
    const rv = parseResourceVersion(query.resourceVersion);
    if (rv !== undefined && Number.isNaN(rv)) throw new BadRequestError(`invalid resourceVersion: ${query.resourceVersion}`);
    return rv || undefined;
  }

  /** Everything of the list but its items (which come last, as `JSON.stringify` of a KubeList writes them). */
  private listHead(scope: RequestScope, collected: Collected<unknown>): Omit<KubeList, 'items'> {
    const { revision, token, remaining } = collected;
    const metadata: KubeList['metadata'] = { resourceVersion: String(revision) };
    if (token) metadata.continue = token;
    if (token && remaining !== undefined) metadata.remainingItemCount = remaining;
    return { apiVersion: requestApiVersion(scope), kind: scope.definition.listKind, metadata };
  }
}

function parseLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) throw new BadRequestError(`invalid limit: ${limit}`);
  return limit || undefined;
}

export type { ObjectPredicate };
export { ExpiredError };
