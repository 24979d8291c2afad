import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { BoundedWriter } from './bounded-writer.js';

/** A response whose peer reads only when told to. */
class StallableSink extends Writable {
  received = '';
  /** Each chunk as it reached the sink (one per write() that got through). */
  readonly chunks: string[] = [];
  private pending: Array<() => void> = [];
  constructor() {
    super({ highWaterMark: 16, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: string, callback: () => void): void {
    this.chunks.push(chunk);
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

/** Lets the current event-loop turn end, so held chunks are flushed. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const writerFor = (sink: StallableSink, limits: { maxBufferedBytes: number; drainTimeoutMs: number }) => {
  const stalls: number[] = [];
  const writer = new BoundedWriter(sink as unknown as ServerResponse, limits, () => stalls.push(Date.now()));
  return { writer, stalls };
};

describe(BoundedWriter.name, () => {
  afterEach(() => mock.timers.reset());

  it('writes the chunks of one event-loop turn together, in order, as one write', async () => {
    const sink = new StallableSink();
    const { writer } = writerFor(sink, { maxBufferedBytes: 1_000, drainTimeoutMs: 60_000 });
    assert.equal(writer.write('one\n'), true);
    assert.equal(writer.write('two\n'), true);
    assert.deepEqual(sink.chunks, []);
    assert.equal(writer.bufferedLength, 8);
    await nextTurn();
    assert.deepEqual(sink.chunks, ['one\ntwo\n']);
    sink.readAll();
    writer.write('three\n');
    await nextTurn();
    assert.deepEqual(sink.chunks, ['one\ntwo\n', 'three\n']);
  });

  it('declares the peer stalled once more than maxBufferedBytes sit unread, held or written, and refuses further writes', async () => {
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 100, drainTimeoutMs: 60_000 });
    assert.equal(writer.write('a'.repeat(60)), true);
    await nextTurn();
    assert.equal(sink.writableLength, 60);
    assert.equal(writer.write('b'.repeat(30)), true);
    assert.equal(writer.write('c'.repeat(30)), false);
    assert.equal(stalls.length, 1);
    assert.equal(writer.open, false);
    assert.equal(writer.write('d'), false);
    await nextTurn();
    assert.deepEqual(sink.chunks, ['a'.repeat(60)]);
    assert.equal(stalls.length, 1);
  });

  it('declares the peer stalled when one flush leaves more than maxBufferedBytes unread', async () => {
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 100, drainTimeoutMs: 60_000 });
    writer.write('a'.repeat(90));
    await nextTurn();
    assert.equal(stalls.length, 0);
    writer.write('b'.repeat(5));
    sink.write('c'.repeat(20));
    await nextTurn();
    assert.equal(stalls.length, 1);
    assert.equal(writer.open, false);
  });

  it('hands over what it holds with takePending, and then has nothing left to flush', async () => {
    const sink = new StallableSink();
    const { writer } = writerFor(sink, { maxBufferedBytes: 1_000, drainTimeoutMs: 60_000 });
    writer.write('held\n');
    assert.equal(writer.takePending(), 'held\n');
    await nextTurn();
    assert.deepEqual(sink.chunks, []);
    assert.equal(writer.open, true);
  });

  it('declares the peer stalled when back-pressure is not relieved by drain within drainTimeoutMs', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const sink = new StallableSink();
    const { writer, stalls } = writerFor(sink, { maxBufferedBytes: 1_000_000, drainTimeoutMs: 5_000 });
    assert.equal(writer.write('x'.repeat(32)), true);
    await nextTurn();
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
    await nextTurn();
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
