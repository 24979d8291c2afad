/** Log, event and error texts (event messages match client-go's resource locks). */
export const messages = {
  invalidTiming: (problems: string[]) => `invalid leader election configuration: ${problems.join('; ')}`,
  attempting: (lease: string) => `attempting to acquire leader lease ${lease}...`,
  becameLeader: (lease: string, identity: string) => `became leader (lease ${lease}, identity ${identity})`,
  lostLeadership: (lease: string, identity: string, why: string) => `lost leadership (lease ${lease}, identity ${identity}): ${why}`,
  newLeader: (holder: string) => `new leader elected: ${holder}`,
  renewDeadlineExceeded: (seconds: number) => `lease not renewed within the renew deadline (${seconds}s)`,
  shuttingDown: 'shutting down',
  leaseHeldBy: (holder: string) => `lease is held by ${holder}`,
  released: (lease: string) => `released leader lease ${lease}`,
  releaseFailed: (lease: string, error: unknown) => `failed to release leader lease ${lease}: ${describe(error)}`,
  writeFailed: (lease: string, error: unknown) => `failed to write leader lease ${lease}: ${describe(error)}`,
  readFailed: (lease: string, error: unknown) => `error retrieving leader lease ${lease}: ${describe(error)}`,
  optimisticRenewFailed: (error: unknown) => `failed to renew lease optimistically, falling back to slow path: ${describe(error)}`,
  eventBecameLeader: (identity: string) => `${identity} became leader`,
  eventStoppedLeading: (identity: string) => `${identity} stopped leading`,
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
