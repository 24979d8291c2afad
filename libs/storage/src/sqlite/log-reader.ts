import { CompactedError, KeyValue, ListOptions, ListResult, StoreStats } from '../store.js';
import { FutureRevisionError } from '../storage.errors.js';
import type { Changes } from './change-poller.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { KeyRange, prefixRange } from './key-range.js';
import { keyValueOf, LogRow } from './log-row.js';
import { SqliteDatabase } from './sqlite-schema.js';
import { Statements } from './sqlite-statements.js';

interface PageRequest {
  prefix: string;
  range: KeyRange;
  /** 0: the current revision. */
  revision: number;
  limit: number;
}

/**
 * Reads. Each multi-statement read runs in one deferred transaction, i.e. one WAL snapshot, so
 * the compacted revision it checks and the rows it returns belong to the same moment.
 */
export class LogReader {
  private readonly listTx: (request: PageRequest) => ListResult;
  private readonly historyTx: (range: KeyRange, after: number) => LogRow[];
  private readonly statsTx: () => StoreStats;
  private readonly changesTx: (after: number) => Changes;

  constructor(private readonly db: SqliteDatabase, private readonly statements: Statements) {
    this.listTx = db.transaction((request: PageRequest) => this.readPage(request)).deferred;
    this.historyTx = db.transaction((range: KeyRange, after: number) => this.readHistory(range, after)).deferred;
    this.statsTx = db.transaction(() => this.readStats()).deferred;
    this.changesTx = db.transaction((after: number) => ({
      rows: this.statements.poll.all(after),
      compacted: this.compactedRevision(),
    })).deferred;
  }

  /** The newest value of a live key. */
  get(key: string): KeyValue | undefined {
    const row = this.statements.latestKeyValue.get(key);
    return row && !row[5] ? keyValueOf(row) : undefined;
  }

  currentRevision(): number {
    return this.statements.currentRevision.get()!.revision;
  }

  compactedRevision(): number {
    return this.statements.compactedRevision.get()!.revision;
  }

  list(prefix: string, options: ListOptions = {}): ListResult {
    const limit = Math.max(0, options.limit ?? 0);
    const range = prefixRange(prefix);
    if (!options.continue) return this.listTx({ prefix, range, revision: options.revision ?? 0, limit });
    const position = decodeContinue(options.continue);
    const resumed = { start: prefix + position.start, end: range.end };
    return this.listTx({ prefix, range: resumed, revision: position.revision, limit });
  }

  /** Rows in the range after a revision, in revision order; `CompactedError` if that history is gone. */
  history(range: KeyRange, after: number): LogRow[] {
    return this.historyTx(range, after);
  }

  /** The next rows after a revision (a batch), with the compacted revision of the same snapshot. */
  changesAfter(revision: number): Changes {
    return this.changesTx(revision);
  }

  stats(): StoreStats {
    return this.statsTx();
  }

  private readPage({ prefix, range, revision: requested, limit }: PageRequest): ListResult {
    const revision = this.readableRevision(requested);
    const rows = this.statements.listPage.all({ ...range, revision, limit: limit > 0 ? limit : -1 });
    const result: ListResult = { items: rows.map(keyValueOf), revision };
    if (limit === 0 || rows.length < limit) return result;
    const next = { start: rows[rows.length - 1]![1] + '\0', end: range.end };
    const remaining = this.statements.listCount.get({ ...next, revision })!.n;
    if (remaining === 0) return result;
    result.continue = encodeContinue({ revision, start: next.start.slice(prefix.length) });
    result.remainingItemCount = remaining;
    return result;
  }

  private readableRevision(requested: number): number {
    const current = this.currentRevision();
    const revision = requested > 0 ? requested : current;
    const compacted = this.compactedRevision();
    if (revision < compacted) throw new CompactedError(revision, compacted);
    if (revision > current) throw new FutureRevisionError(revision, current);
    return revision;
  }

  private readHistory(range: KeyRange, after: number): LogRow[] {
    const compacted = this.compactedRevision();
    if (after < compacted) throw new CompactedError(after, compacted);
    return this.statements.history.all({ ...range, after });
  }

  private readStats(): StoreStats {
    const pageCount = this.db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    return {
      revision: this.currentRevision(),
      compactedRevision: this.compactedRevision(),
      keys: this.statements.liveKeys.get()!.n,
      dbSizeBytes: pageCount * pageSize,
    };
  }
}
