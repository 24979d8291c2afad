import { AlreadyExistsError, ConflictError, ExpiredError, GroupResource, NotFoundError, BadRequestError, TimeoutError } from '@app/api-machinery';
import { CompactedError, FutureRevisionError, InvalidContinueError, KeyExistsError, KeyNotFoundError, RevisionConflictError } from '@app/storage';

/** Maps a storage failure onto the Status error kube-apiserver returns for it; rethrows others. */
export function toApiError(error: unknown, resource: GroupResource, name: string): unknown {
  if (error instanceof KeyExistsError) return new AlreadyExistsError(resource, name);
  if (error instanceof KeyNotFoundError) return new NotFoundError(resource, name);
  if (error instanceof RevisionConflictError) return new ConflictError(resource, name);
  if (error instanceof CompactedError) return new ExpiredError(`too old resource version: ${error.requested} (${error.compacted})`);
  if (error instanceof FutureRevisionError) return new TimeoutError(`Too large resource version: ${error.requested}, current: ${error.current}`);
  if (error instanceof InvalidContinueError) return new BadRequestError(`continue key is not valid: ${error.message}`);
  return error;
}

/** Runs a store call and translates its errors. */
export async function storeCall<T>(resource: GroupResource, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiError(error, resource, name);
  }
}
