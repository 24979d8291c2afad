import { Api, NoReply } from '../../support/api.js';

export const COUNT_ANNOTATION = 'robustness/count';

/** How a client makes its write conditional on the version it read. */
export type Precondition = 'put' | 'merge-patch' | 'json-patch-test';
export const PRECONDITIONS: Precondition[] = ['put', 'merge-patch', 'json-patch-test'];

export interface IncrementCounts {
  acknowledged: number;
  conflicts: number;
  /** Answers other than 2xx and 409 (each is retried). */
  errors: number;
  serverErrors: number;
  noReply: number;
  byPrecondition: Record<string, number>;
  /** `<precondition> <status>` of every answer other than 2xx and 409. */
  otherAnswers: Record<string, number>;
}

export function emptyCounts(): IncrementCounts {
  return { acknowledged: 0, conflicts: 0, errors: 0, serverErrors: 0, noReply: 0, byPrecondition: {}, otherAnswers: {} };
}

/**
 * A read-modify-write client: GET the counter object, write count+1 conditioned on the
 * resourceVersion it read (PUT with metadata.resourceVersion, a merge patch carrying it, or a
 * JSON patch whose first op tests it), retry from the GET on 409 Conflict, until `target`
 * increments were acknowledged. A correct server never loses one: the final count equals the
 * sum of acknowledged increments.
 */
export async function increment(api: Api, path: string, precondition: Precondition, target: number, counts: IncrementCounts): Promise<void> {
  let done = 0;
  for (let attempts = 0; done < target; attempts++) {
    if (attempts > target * 200) throw new Error(`${precondition} client made no progress after ${attempts} attempts`);
    const current = await api.get(path);
    if (current.status !== 200) {
      counts.errors++;
      continue;
    }
    const object = current.body;
    const next = String(Number(object.metadata.annotations?.[COUNT_ANNOTATION] ?? 0) + 1);
    let status: number;
    try {
      status = (await write(api, path, precondition, object, next)).status;
    } catch (error) {
      if (!(error instanceof NoReply)) throw error;
      counts.noReply++;
      throw new Error(`an increment got no reply: its outcome is unknown, the count can no longer be checked (${error.message})`);
    }
    if (status >= 200 && status < 300) {
      done++;
      counts.acknowledged++;
      counts.byPrecondition[precondition] = (counts.byPrecondition[precondition] ?? 0) + 1;
    } else if (status === 409) counts.conflicts++;
    else {
      counts.errors++;
      counts.otherAnswers[`${precondition} ${status}`] = (counts.otherAnswers[`${precondition} ${status}`] ?? 0) + 1;
      if (status >= 500) counts.serverErrors++;
    }
  }
}

function write(api: Api, path: string, precondition: Precondition, object: any, next: string) {
  const resourceVersion: string = object.metadata.resourceVersion;
  switch (precondition) {
    case 'put':
      return api.put(path, { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [COUNT_ANNOTATION]: next } } });
    case 'merge-patch':
      return api.patch(path, { metadata: { resourceVersion, annotations: { [COUNT_ANNOTATION]: next } } });
    case 'json-patch-test':
      return api.patch(
        path,
        [
          { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
          { op: 'replace', path: `/metadata/annotations/${COUNT_ANNOTATION.replace('~', '~0').replace('/', '~1')}`, value: next },
        ],
        'application/json-patch+json',
      );
  }
}
