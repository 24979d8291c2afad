import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenReviewer } from '../delegation/token-reviewer.js';
import { Authenticator } from './authenticator.service.js';
import type { AuthenticatedUser } from './user.js';

const dir = mkdtempSync(join(tmpdir(), 'authenticator-'));
const tokenFile = join(dir, 'tokens.csv');
writeFileSync(tokenFile, 'local-token,ops,u-1,"system:masters"\n');
const options = { mode: 'token' as const, tokenFiles: [tokenFile], maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0, requestTimeoutSeconds: 60 };

class ClusterReviewer extends TokenReviewer {
  readonly server = 'https://cluster.test';
  readonly reviewed: string[] = [];
  failing = false;
  async review(token: string): Promise<AuthenticatedUser | undefined> {
    this.reviewed.push(token);
    if (this.failing) throw new Error('connect ECONNREFUSED');
    return token === 'sa-token' ? { username: 'system:serviceaccount:monitoring:prometheus', groups: ['system:serviceaccounts', 'system:authenticated'] } : undefined;
  }
}

function authenticator(reviewer?: TokenReviewer): Authenticator {
  const instance = new Authenticator(options, reviewer);
  instance.onModuleInit();
  after(() => instance.onModuleDestroy());
  return instance;
}

describe(Authenticator.name, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('tries the token file first and asks the cluster only for tokens it does not hold', async () => {
    const reviewer = new ClusterReviewer();
    const chain = authenticator(reviewer);
    assert.equal((await chain.authenticate('Bearer local-token')).user?.username, 'ops');
    assert.equal((await chain.authenticate('Bearer sa-token')).user?.username, 'system:serviceaccount:monitoring:prometheus');
    assert.deepEqual(await chain.authenticate('Bearer unknown'), { failure: 'invalid' });
    assert.deepEqual(reviewer.reviewed, ['sa-token', 'unknown']);
  });

  it('refuses (401) when the review fails, and without credentials never asks', async () => {
    const reviewer = new ClusterReviewer();
    reviewer.failing = true;
    const chain = authenticator(reviewer);
    assert.deepEqual(await chain.authenticate('Bearer sa-token'), { failure: 'invalid' });
    assert.deepEqual(await chain.authenticate(undefined), { failure: 'none' });
    assert.deepEqual(reviewer.reviewed, ['sa-token']);
  });

  it('without a reviewer (standalone) a token outside the files is nobody', async () => {
    assert.deepEqual(await authenticator().authenticate('Bearer sa-token'), { failure: 'invalid' });
    assert.equal((await authenticator().authenticateToken('local-token'))?.uid, 'u-1');
  });
});
