import { Injectable } from '@nestjs/common';
import { ExpiredError, KubeObject } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { CompactedError, Store } from '@app/storage';
import { catchError, defer, EMPTY, mergeMap, Observable, of, throwError } from 'rxjs';
import { decode } from '../storage/codec.js';
import { parseKey, REGISTRY_PREFIX } from '../storage/keys.js';
import { ChangeFeed, ResourceChange } from './change-feed.js';

/** The ChangeFeed over the embedded store: one store watch on the registry prefix. */
@Injectable()
export class StoreChangeFeed extends ChangeFeed {
  constructor(private readonly store: Store, private readonly registry: CrdRegistry) {
    super();
  }

  changes(fromRevision?: number): Observable<ResourceChange> {
    return defer(async () => fromRevision || (await this.store.currentRevision())).pipe(
      mergeMap((revision) => this.store.watch(REGISTRY_PREFIX, revision)),
      mergeMap((event) => {
        const change = this.toChange(event.type, event.kv.key, () => decode(event.kv), event.kv.modRevision);
        return change ? of(change) : EMPTY;
      }),
      catchError((error: unknown) =>
        throwError(() => (error instanceof CompactedError ? new ExpiredError(`too old resource version: ${error.requested} (${error.compacted})`) : error)),
      ),
    );
  }

  currentRevision(): Promise<number> {
    return this.store.currentRevision();
  }

  private toChange(type: ResourceChange['type'], key: string, read: () => KubeObject, revision: number): ResourceChange | undefined {
    const parsed = parseKey(key);
    const definition = parsed && this.registry.all().find((d) => d.group === parsed.group && d.plural === parsed.plural);
    if (!definition) return undefined;
    let object: KubeObject;
    try {
      object = read();
    } catch {
      return undefined;
    }
    return { type, object, revision, resource: { group: definition.group, version: definition.storageVersion, resource: definition.plural } };
  }
}
