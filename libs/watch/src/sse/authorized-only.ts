import { concatMap, EMPTY, from, MonoTypeOperatorFunction, Observable, of } from 'rxjs';
import type { ResourceChange } from '@app/resources';
import type { ChangeAuthorizer } from './change-filter.js';

/**
 * Keeps the changes `authorized` allows, in their original order, whether it answers at once or
 * through a promise (a decision the cluster is asked for). A rejected or false answer drops the
 * change; it never errors the stream.
 */
export function authorizedOnly(authorized: ChangeAuthorizer): MonoTypeOperatorFunction<ResourceChange> {
  return concatMap((change): Observable<ResourceChange> => {
    const verdict = authorized(change);
    if (typeof verdict === 'boolean') return verdict ? of(change) : EMPTY;
    return from(verdict.then((allowed) => (allowed ? [change] : []), () => [])).pipe(concatMap((kept) => from(kept)));
  });
}
