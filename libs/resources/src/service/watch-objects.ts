import { KubeObject } from '@app/api-machinery';
import { ResourceDefinition } from '@app/crd';
import { KeyValue } from '@app/storage';
import { ResourceWatchEvent } from '../client/resource-client.js';
import { decode } from '../storage/codec.js';

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One stored value decoded and converted to one version, with its watch events. Shared views
 * are deeply frozen (object and events): every watcher of the change holds the same ones.
 */
export class WatchView {
  private readonly events: Partial<Record<ObjectEventType, ResourceWatchEvent>> = {};

  constructor(readonly object: KubeObject, private readonly shared: boolean) {}

  /** `{ type, object }`, the same object per type when the view is shared. */
  event(type: ObjectEventType): ResourceWatchEvent {
    if (!this.shared) return { type, object: this.object };
    return (this.events[type] ??= Object.freeze({ type, object: this.object }));
  }
}

interface Decoded {
  object: KubeObject;
  views: Array<{ definition: ResourceDefinition; version: string; view: WatchView }>;
}

/**
 * Decodes and converts stored values for watches once per value and requested version, however
 * many watches see it. The memo is keyed by the identity of frozen `KeyValue`s (the store hands
 * every watch of a change the same frozen event), so a hit is the same stored text by
 * construction and entries go with the KeyValue (a WeakMap: nothing to evict). A KeyValue that
 * is not frozen is decoded for each call, unshared and unfrozen, as before. Shared objects are
 * deeply frozen, so a consumer that tries to change one throws instead of corrupting the
 * others' (copy before changing). Synchronous, so safe for any number of concurrent watches.
 */
export class WatchObjects {
  private readonly decoded = new WeakMap<KeyValue, Decoded>();

  /** `kv` decoded and converted to `version` of `definition`; throws what decode or convert throws. */
  view(kv: KeyValue, definition: ResourceDefinition, version: string): WatchView {
    if (!Object.isFrozen(kv)) return new WatchView(definition.convert(decode(kv), version), false);
    let decoded = this.decoded.get(kv);
    if (!decoded) {
      decoded = { object: deepFreeze(decode(kv)), views: [] };
      this.decoded.set(kv, decoded);
    }
    for (const entry of decoded.views) {
      if (entry.definition === definition && entry.version === version) return entry.view;
    }
    const view = new WatchView(deepFreeze(definition.convert(decoded.object, version)), true);
    decoded.views.push({ definition, version, view });
    return view;
  }
}

/** Freezes a JSON value and everything in it; parts already frozen (shared with a frozen source) are skipped. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
