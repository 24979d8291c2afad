import { FigureValue, passed, RobustnessReport } from './report.js';

/** Renders rows as a fixed-width text table with a header rule. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function format(value: FigureValue): string {
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(3);
}

/** The summary printed at the end of a run: every figure, then every promise with PASS/FAIL. */
export function renderReport(report: RobustnessReport): string {
  const figures: string[][] = [];
  const promises: string[][] = [];
  for (const result of report.scenarios) {
    for (const [name, value] of Object.entries(result.figures)) figures.push([result.scenario, name, format(value)]);
    for (const p of result.promises) promises.push([result.scenario, p.passed ? 'PASS' : 'FAIL', p.promise, p.detail]);
    if (result.error) promises.push([result.scenario, 'FAIL', 'scenario ran to completion', result.error.split('\n')[0]]);
  }
  const verdicts = report.scenarios.map((r) => [r.scenario, passed(r) ? 'PASS' : 'FAIL', `${(r.durationMs / 1000).toFixed(1)} s`, r.title]);
  return [
    `Robustness report (profile ${report.profile}, seed ${report.seed}, ${(report.durationMs / 1000).toFixed(1)} s)`,
    '',
    textTable(['scenario', 'figure', 'value'], figures),
    '',
    textTable(['scenario', 'result', 'promise', 'measured'], promises),
    '',
    textTable(['scenario', 'result', 'time', 'title'], verdicts),
    '',
    report.passed ? 'ALL PROMISES KEPT' : 'SOME PROMISES BROKEN',
  ].join('\n');
}
