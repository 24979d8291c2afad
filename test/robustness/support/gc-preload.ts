/**
 * Loaded into operator children with `--import` (and `--expose-gc`) by ServerProcess: on SIGUSR2
 * the child collects garbage twice and prints one `robustness-memory {json}` line, so the suite
 * can compare heap after GC before and after a fault without touching the operator's code.
 */
const MARK = 'robustness-memory';

process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const resources = process.getActiveResourcesInfo();
  const sample = {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    gc: gc !== undefined,
    resources: resources.length,
    sockets: resources.filter((r) => r === 'TCPSocketWrap').length,
    timers: resources.filter((r) => r === 'Timeout').length,
  };
  process.stdout.write(`${MARK} ${JSON.stringify(sample)}\n`);
});
