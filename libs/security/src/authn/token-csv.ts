/** One line of a static token file: `token,user,uid,"group1,group2"`. */
export interface TokenRecord {
  token: string;
  username: string;
  uid: string;
  groups: string[];
}

/** A token file kube-apiserver would refuse; the message names the file and line. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/**
 * Parses kube-apiserver's `--token-auth-file` format: CSV records of at least three columns
 * (token, user name, uid) and an optional fourth holding comma-separated groups (quoted).
 * Blank lines are skipped; a record with an empty token is skipped (kube warns); a duplicate
 * token keeps the last record, as kube does. Throws TokenFileError for malformed input.
 */
export function parseTokenCsv(text: string, source: string): TokenRecord[] {
  const records = new Map<string, TokenRecord>();
  readCsv(text, source).forEach(({ fields, line }) => {
    if (fields.length < 3) {
      throw new TokenFileError(`token file '${source}' must have at least 3 columns (token, user name, user uid), found ${fields.length} on line ${line}`);
    }
    const [token, username, uid, groups] = fields;
    if (token === '') return;
    records.set(token, { token, username, uid, groups: groups === undefined || groups === '' ? [] : groups.split(',') });
  });
  return [...records.values()];
}

/** RFC 4180 records (as Go's encoding/csv reads them), with the line each starts on. */
function readCsv(text: string, source: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  const state = { fields: [] as string[], field: '', quoted: false, touched: false, line: 1, start: 1 };
  const endRecord = () => {
    if (state.touched) records.push({ fields: [...state.fields, state.field], line: state.start });
    Object.assign(state, { fields: [], field: '', touched: false });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') state.line++;
    if (state.quoted) {
      if (c !== '"') state.field += c;
      else if (text[i + 1] === '"') (state.field += '"'), i++;
      else state.quoted = false;
      continue;
    }
    if (c === '\n') {
      endRecord();
      state.start = state.line;
    } else if (c === ',') {
      state.fields.push(state.field);
      Object.assign(state, { field: '', touched: true });
    } else if (c === '"' && state.field === '') Object.assign(state, { quoted: true, touched: true });
    else if (c !== '\r') Object.assign(state, { field: state.field + c, touched: true });
  }
  if (state.quoted) throw new TokenFileError(`token file '${source}': unterminated quoted field starting on line ${state.start}`);
  endRecord();
  return records;
}
