import { Logger } from '@nestjs/common';
import { FutureRevisionError } from '../storage.errors.js';
import { LogReader } from './log-reader.js';
import { SqliteDatabase } from './sqlite-schema.js';
import { Statements } from './sqlite-statements.js';
import { CompactionOptions, DEFAULT_COMPACTION } from './sqlite-store.options.js';

/** Revisions per compaction transaction, so other writers wait at most one short batch. */
const BATCH_REVISIONS = 1000;

/**
 * Drops history like etcd: rows superseded at or below the target revision and tombstones at or
 * below it. Works in batches, each recording its progress in `kv_meta`, so concurrent compactors
 * (other processes) just skip what is done: idempotent and harmless to repeat.
 */
export class LogCompactor {
  private readonly logger = new Logger(LogCompactor.name);
  private readonly batchTx: (hi: number) => number;
  private readonly options: Required<CompactionOptions>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly statements: Statements,
    private readonly reader: LogReader,
    options: CompactionOptions = {},
    private readonly beforeCompact: () => void = () => undefined,
  ) {
    this.options = { ...DEFAULT_COMPACTION, ...options };
    this.batchTx = db.transaction((hi: number) => this.compactBatch(hi)).immediate;
  }

  /** Compacts to `revision` (a no-op if already there); returns the compacted revision. */
  compact(revision: number): number {
    const current = this.reader.currentRevision();
    if (revision > current) throw new FutureRevisionError(revision, current);
    let done = this.reader.compactedRevision();
    if (done >= revision) return done;
    this.beforeCompact();
    while (done < revision) done = this.batchTx(Math.min(revision, done + BATCH_REVISIONS));
    this.vacuum();
    return done;
  }

  /**
   * Applies the retention policy once at time `now`: samples the current revision's time, then
   * compacts to the newest revision both older than `minRetentionMs` and at least
   * `minRetainedRevisions` behind the current one. Returns the compacted revision.
   */
  applyRetention(now: number): number {
    const current = this.reader.currentRevision();
    if (current > 0) this.statements.sampleRevisionTime.run(current, now);
    const oldEnough = this.statements.retainedByTime.get(now - this.options.minRetentionMs)!.revision;
    const target = Math.min(oldEnough, current - this.options.minRetainedRevisions);
    return target > 0 ? this.compact(target) : this.reader.compactedRevision();
  }

  /** Runs `applyRetention` every `intervalMs` (0: never). Returns the timer to clear. */
  schedule(): NodeJS.Timeout | undefined {
    if (this.options.intervalMs <= 0) return undefined;
    return setInterval(() => {
      try {
        this.applyRetention(Date.now());
      } catch (error) {
        this.logger.warn(`automatic compaction failed: ${String(error)}`);
      }
    }, this.options.intervalMs);
  }

  private compactBatch(hi: number): number {
    const lo = this.reader.compactedRevision();
    if (hi <= lo) return lo;
    this.statements.compactBatch.run({ lo, hi });
    this.statements.setCompactedRevision.run(hi);
    this.statements.pruneRevisionTimes.run(hi);
    return hi;
  }

  /** Gives free pages back to the file system once they are a quarter of the file. */
  private vacuum(): void {
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const total = this.db.pragma('page_count', { simple: true }) as number;
    if (free > 0 && free * 4 >= total) this.db.pragma('incremental_vacuum');
  }
}
