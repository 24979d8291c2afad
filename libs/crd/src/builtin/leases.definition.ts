import { ResourceDefinition } from '../definition/resource-definition.js';
import { AGE_COLUMN, builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';

/** `coordination.k8s.io/v1` Lease: what leader election holds and renews. */
export function leasesDefinition(): ResourceDefinition {
  return builtinDefinition({
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    singular: 'lease',
    kind: 'Lease',
    scope: 'Namespaced',
    schema: {
      type: 'object',
      description: 'Lease defines a lease concept.',
      properties: {
        ...typeMetaProperties(),
        spec: field.object('spec contains the specification of the Lease.', {
          holderIdentity: field.string('holderIdentity contains the identity of the holder of a current lease.'),
          leaseDurationSeconds: field.int32('leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it.'),
          acquireTime: field.time('acquireTime is a time when the current lease was acquired (RFC 3339, microseconds).'),
          renewTime: field.time('renewTime is a time when the current holder of a lease has last updated the lease (RFC 3339, microseconds).'),
          leaseTransitions: field.int32('leaseTransitions is the number of transitions of a lease between holders.'),
          strategy: field.string('Strategy indicates the strategy for picking the leader for coordinated leader election.'),
          preferredHolder: field.string('PreferredHolder signals to a lease holder that the lease has a more optimal holder.'),
        }),
      },
    },
    printerColumns: [{ name: 'Holder', type: 'string', description: 'The holder of the lease', jsonPath: '.spec.holderIdentity' }, AGE_COLUMN],
  });
}
