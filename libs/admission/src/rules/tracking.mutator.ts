import { deepClone, deepEqual, KubeObject, rfc3339 } from '@app/api-machinery';
import { LAST_ADMITTED_AT_ANNOTATION, LAST_ADMITTED_BY_ANNOTATION } from '../admission.constants.js';
import { getOwn, isPlainObject } from '../util/json.js';
import { metadataMap } from './object-edit.js';
import { MutationRule, RuleContext } from './rule.types.js';

const TRACKING = [LAST_ADMITTED_BY_ANNOTATION, LAST_ADMITTED_AT_ANNOTATION];
/** Metadata the server maintains: a write differing only here is still a no-op. */
const SERVER_METADATA = ['resourceVersion', 'managedFields', 'generation', 'creationTimestamp', 'uid', 'selfLink'];

/**
 * Records who last admitted a change (`userInfo.username`) and when (RFC 3339). An UPDATE that
 * changes nothing else keeps the stored values, so a no-op write stays a no-op. Runs last.
 */
export const trackingMutator: MutationRule = {
  name: 'tracking',
  mutate(object: KubeObject, { target, attributes, now }: RuleContext): string[] {
    if (target.type !== 'application') return [];
    const annotations = metadataMap(object, 'annotations');
    if (!annotations) return [];
    const old = attributes.operation === 'UPDATE' ? attributes.oldObject : undefined;
    if (old && deepEqual(comparable(object), comparable(old))) {
      copyTracking(old, annotations);
      return [];
    }
    const username = attributes.userInfo?.username;
    if (typeof username === 'string' && username !== '') annotations[LAST_ADMITTED_BY_ANNOTATION] = username;
    else delete annotations[LAST_ADMITTED_BY_ANNOTATION];
    annotations[LAST_ADMITTED_AT_ANNOTATION] = rfc3339(now);
    return [];
  },
};

function copyTracking(from: KubeObject, annotations: Record<string, unknown>): void {
  const stored = isPlainObject(from.metadata) ? getOwn(from.metadata as Record<string, unknown>, 'annotations') : undefined;
  for (const key of TRACKING) {
    const value = isPlainObject(stored) ? getOwn(stored, key) : undefined;
    if (value === undefined) delete annotations[key];
    else annotations[key] = value;
  }
}

/** The object without status, server-maintained metadata and the tracking annotations. */
function comparable(object: KubeObject): Record<string, unknown> {
  const copy = deepClone(object) as Record<string, unknown>;
  delete copy['status'];
  const metadata = copy['metadata'];
  if (!isPlainObject(metadata)) return copy;
  for (const key of SERVER_METADATA) delete metadata[key];
  const annotations = metadata['annotations'];
  if (isPlainObject(annotations)) {
    for (const key of TRACKING) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete metadata['annotations'];
  }
  return copy;
}
