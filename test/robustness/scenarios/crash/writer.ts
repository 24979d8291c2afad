import { Api, application, appsPath, contentHash, NoReply, Reply } from '../../support/api.js';
import { Gate } from '../../support/gate.js';
import { Random } from '../../support/random.js';
import { sleep } from '../../support/time.js';
import { Ledger } from './ledger.js';

/** Counters shared by the writer loops. */
export interface WriterCounts {
  noReply: number;
  serverErrors: number;
  /** Connections refused while the server was down (never sent). */
  refused: number;
  /** Answered with an error status (4xx, 5xx). */
  rejected: number;
  byOperation: Record<string, number>;
}

/**
 * One writer loop of the crash scenario: creates, updates (merge patch, unconditional PUT) and
 * deletes its own Applications as fast as the server answers, recording every acknowledged
 * write in the ledger. A request without a reply (the server was killed) makes that object's
 * state unknown: it is forgotten, and a new name is used from then on.
 */
export class Writer {
  private readonly live: string[] = [];
  private serial = 0;

  constructor(
    private readonly id: number,
    private readonly api: Api,
    private readonly namespace: string,
    private readonly ledger: Ledger,
    private readonly counts: WriterCounts,
    private readonly random: Random,
  ) {}

  async run(gate: Gate, stopped: () => boolean): Promise<void> {
    try {
      while (!stopped()) {
        await gate.pass();
        if (stopped()) break;
        await this.step();
      }
    } finally {
      gate.leave();
    }
  }

  private async step(): Promise<void> {
    const roll = this.random.next();
    const op = this.live.length < 5 || roll < 0.3 ? 'create' : roll < 0.7 ? 'merge-patch' : roll < 0.9 ? 'put' : 'delete';
    const name = op === 'create' ? `w${this.id}-${this.random.word(4)}-${this.serial++}` : this.random.pick(this.live);
    let reply: Reply;
    try {
      reply = await this.send(op, name);
    } catch (error) {
      if (!(error instanceof NoReply)) throw error;
      if (error.refused) {
        this.counts.refused++;
      } else {
        this.counts.noReply++;
        this.ledger.forget(name);
        this.retire(name);
      }
      await sleep(25); // the server is down: do not spin
      return;
    }
    this.record(op, name, reply);
  }

  private send(op: string, name: string): Promise<Reply> {
    const path = appsPath(this.namespace, name);
    const payload = { 'robustness/payload': this.random.word(this.random.int(16, 2048)), 'robustness/writer': String(this.id) };
    switch (op) {
      case 'create':
        return this.api.post(appsPath(this.namespace), application(name, { replicas: this.random.int(0, 5) }, { annotations: payload, labels: { writer: String(this.id) } }));
      case 'merge-patch':
        return this.api.patch(path, { metadata: { annotations: payload }, spec: { replicas: this.random.int(0, 5) } });
      case 'put':
        return this.api.put(path, application(name, { replicas: this.random.int(0, 5), image: `nginx:1.${this.random.int(20, 27)}` }, { annotations: payload, labels: { writer: String(this.id), put: 'true' } }));
      default:
        return this.api.delete(path);
    }
  }

  private record(op: string, name: string, reply: Reply): void {
    if (reply.status >= 500) this.counts.serverErrors++;
    if (reply.status < 200 || reply.status > 299) {
      this.counts.rejected++;
      if (op === 'create' && reply.status === 409) this.retire(name);
      return;
    }
    this.counts.byOperation[op] = (this.counts.byOperation[op] ?? 0) + 1;
    const resourceVersion = Number(reply.body?.metadata?.resourceVersion ?? reply.body?.details?.resourceVersion ?? 0);
    if (op === 'delete') {
      this.ledger.deleted(name, resourceVersion);
      this.retire(name);
      return;
    }
    this.ledger.written(name, resourceVersion, contentHash(reply.body));
    if (op === 'create') this.live.push(name);
  }

  private retire(name: string): void {
    const index = this.live.indexOf(name);
    if (index >= 0) this.live.splice(index, 1);
  }
}
