/**
 * Just enough PromQL and exposition-format parsing to check that dashboards and alert rules
 * name only series a running operator exports: which metric names an expression selects, with
 * which label matchers, and which labels it groups by. Not a full PromQL parser: it tokenizes,
 * skips range/subquery brackets, function calls and keywords, and reads selectors.
 */

/** A label matcher inside `{...}`. */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** A vector selector: a metric name and its matchers. */
export interface Selector {
  metric: string;
  matchers: Matcher[];
}

/** What one expression references. */
export interface Expression {
  source: string;
  selectors: Selector[];
  /** Labels named in by/without/on/ignoring/group_left/group_right clauses. */
  groupingLabels: string[];
}

const TOKEN = /\s+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\$\{?\w+(?::\w+)?\}?|\d[\w.]*|\.\d+|[a-zA-Z_:][\w:]*|=~|!~|!=|==|<=|>=|[{}()[\],=<>+\-*/%^@]/y;
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const CLAUSES = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set(['bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'start', 'end', 'atan2']);

function tokenize(expr: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(expr);
    if (!match) throw new Error(`cannot tokenize PromQL at ${at}: ${expr.slice(at, at + 20)} (in ${expr})`);
    if (match[0].trim() !== '') tokens.push(match[0]);
  }
  return tokens;
}

const unquote = (token: string) => (token.startsWith('`') ? token.slice(1, -1) : (JSON.parse(token.startsWith("'") ? `"${token.slice(1, -1)}"` : token) as string));
const isIdentifier = (token: string | undefined) => token !== undefined && /^[a-zA-Z_:][\w:]*$/.test(token);

/** Reads `{label op "value", ...}` starting at the `{` at tokens[start]; returns the matchers and the index after `}`. */
function readMatchers(tokens: string[], start: number): [Matcher[], number] {
  const matchers: Matcher[] = [];
  let i = start + 1;
  while (tokens[i] !== '}') {
    if (tokens[i] === ',') {
      i++;
      continue;
    }
    const [label, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!isIdentifier(label) || !['=', '!=', '=~', '!~'].includes(op) || !/^["'`]/.test(value ?? '')) throw new Error(`bad matcher near ${tokens.slice(i, i + 3).join(' ')}`);
    matchers.push({ label, op: op as Matcher['op'], value: unquote(value) });
    i += 3;
  }
  return [matchers, i + 1];
}

/** Parses one PromQL expression into the selectors and grouping labels it uses. */
export function parsePromql(source: string): Expression {
  const tokens = tokenize(source);
  const selectors: Selector[] = [];
  const groupingLabels: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '[') {
      while (tokens[i] !== ']') i++;
    } else if (token === '{') {
      const [matchers, next] = readMatchers(tokens, i);
      const name = matchers.find((m) => m.label === '__name__' && m.op === '=');
      selectors.push({ metric: name?.value ?? '', matchers: matchers.filter((m) => m !== name) });
      i = next - 1;
    } else if (isIdentifier(token)) {
      const next = tokens[i + 1];
      if (CLAUSES.has(token)) {
        if (next !== '(') continue;
        for (i += 2; tokens[i] !== ')'; i++) if (tokens[i] !== ',') groupingLabels.push(tokens[i]);
      } else if (next === '(' || KEYWORDS.has(token) || (AGGREGATIONS.has(token) && (next === 'by' || next === 'without'))) {
        continue;
      } else if (next === '{') {
        const [matchers, after] = readMatchers(tokens, i + 1);
        selectors.push({ metric: token, matchers });
        i = after - 1;
      } else {
        selectors.push({ metric: token, matchers: [] });
      }
    }
  }
  return { source, selectors, groupingLabels };
}

/** A sample of a scrape: its name as exposed (e.g. `x_bucket`), its labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed /metrics scrape: family types and every sample. */
export class Scrape {
  readonly types = new Map<string, string>();
  readonly samples: Sample[] = [];

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type) this.types.set(type[1], type[2]);
      const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (sample) {
        const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]));
        this.samples.push({ name: sample[1], labels, value: Number(sample[3]) });
      }
    }
  }

  /**
   * The family a selected name belongs to: itself when it is a family, else the histogram or
   * summary it is a `_bucket`/`_sum`/`_count` series of; undefined when the scrape has no such family.
   */
  familyOf(name: string): string | undefined {
    if (this.types.has(name)) return name;
    const suffixed = /^(.*)_(bucket|sum|count)$/.exec(name);
    return suffixed && ['histogram', 'summary'].includes(this.types.get(suffixed[1]) ?? '') ? suffixed[1] : undefined;
  }

  samplesNamed(name: string): Sample[] {
    return this.samples.filter((sample) => sample.name === name);
  }
}
