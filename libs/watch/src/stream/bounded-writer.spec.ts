import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { BoundedWriter } from './bounded-writer.js';

/** A response whose peer reads only when told to. */
class StallableSink extends Writable {
  received = '';
  private pending: Array<() => void> = [];
  constructor() {
    super({ highWaterMark: 16, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: string, callback: () => void): void {
    this.pending.push(() => {
      this.received += chunk;
      callback();
    });
  }
  /** The peer reads everything written so far. */
  readAll(): void {
    const pending = this.pending;
    this.pending = [];
    pending.forEach((read) => read());
  }
}

const writerFor = (sink: StallableSink, limits: { maxBufferedBytes: number; drainTimeoutMs: number }) => {
  const stalls: number[] = [];
  const writer = new BoundedWriter(sink as unknown as ServerResponse, limits, () => stalls.push(Date.now()));
  return { writer, stalls };
};

describe(BoundedWriter.name, () => {
  afterEach(() => mock.timers.reset());

  it('declares the peer stalled once more than maxBufferedBytes sit unread, and refuses further writes', () => {
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 100, drainTimeoutMs: 60_000 });
    assert.equal(writer.write('a'.repeat(60)), true);
    assert.equal(writer.write('b'.repeat(60)), false);
    assert.equal(stalls.length, 1);
    assert.equal(writer.open, false);
    assert.equal(writer.write('c'), false);
    assert.equal(sink.writableLength, 120);
    assert.equal(stalls.length, 1);
  });

  it('declares the peer stalled when back-pressure is not relieved by drain within drainTimeoutMs', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 1_000_000, drainTimeoutMs: 5_000 });
    assert.equal(writer.write('x'.repeat(32)), true);
    mock.timers.tick(4_999);
    assert.equal(stalls.length, 0);
    mock.timers.tick(1);
    assert.equal(stalls.length, 1);
    assert.equal(writer.open, false);
  });

  it('keeps a peer that drains in time', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 1_000_000, drainTimeoutMs: 5_000 });
    writer.write('x'.repeat(32));
    mock.timers.tick(4_000);
    sink.readAll();
    await new Promise((resolve) => setImmediate(resolve));
    mock.timers.tick(10_000);
    assert.equal(stalls.length, 0);
    assert.equal(writer.open, true);
    assert.equal(sink.received, 'x'.repeat(32));
  });

  it('refuses writes after the response ended', () => {
    const sink = new StallableSink();
    const { writer } = writerFor(sink, { maxBufferedBytes: 1_000, drainTimeoutMs: 1_000 });
    sink.end();
    assert.equal(writer.open, false);
    assert.equal(writer.write('late'), false);
  });
});
