import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workloadStatusOf } from './deployment-status.js';
import { Deployment, DeploymentStatus } from './workload.resources.js';

const deployment = (replicas: number, generation: number, status?: DeploymentStatus): Deployment => ({ metadata: { name: 'web', generation }, spec: { replicas }, status });

describe(workloadStatusOf.name, () => {
  it('is progressing until the current generation is observed and every replica is updated and available', () => {
    assert.deepEqual(workloadStatusOf(deployment(3, 1)), { replicas: 0, readyReplicas: 0, updatedReplicas: 0, availableReplicas: 0, progressing: true });
    const done = { observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 };
    assert.equal(workloadStatusOf(deployment(3, 2, done)).progressing, false);
    assert.equal(workloadStatusOf(deployment(3, 3, done)).progressing, true, 'a newer generation is not observed yet');
    assert.equal(workloadStatusOf(deployment(3, 2, { ...done, replicas: 4 })).progressing, true, 'an old replica is left');
    assert.equal(workloadStatusOf(deployment(3, 2, { ...done, availableReplicas: 2 })).progressing, true, 'an updated replica is not available');
    assert.equal(workloadStatusOf(deployment(4, 2, done)).progressing, true, 'scaling up');
  });

  it('reports the Deployment\'s own failures: a progress deadline, a replica failure', () => {
    const deadline = { type: 'Progressing', status: 'False' as const, reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' };
    assert.deepEqual(workloadStatusOf(deployment(1, 1, { conditions: [deadline] })).failure, { reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' });
    const quota = { type: 'ReplicaFailure', status: 'True' as const, reason: 'FailedCreate', message: 'pods "web-1" is forbidden: exceeded quota' };
    assert.deepEqual(workloadStatusOf(deployment(1, 1, { conditions: [quota] })).failure, { reason: 'FailedCreate', message: 'pods "web-1" is forbidden: exceeded quota' });
    assert.equal(workloadStatusOf(deployment(1, 1, { conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] })).failure, undefined);
  });
});
