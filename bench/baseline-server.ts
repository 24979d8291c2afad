import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** What the raw baseline serves: the Application paths, nothing else. */
const PATH = /^\/apis\/cloudnative\.elide\.dev\/v1\/namespaces\/([a-z0-9-]+)\/applications(?:\/([a-z0-9.-]+))?$/;

export interface Baseline {
  url: string;
  /** Stores these objects as they are (so GET and list answer the same bytes as the operator would). */
  seed(namespace: string, objects: Array<{ metadata: { name: string } }>): void;
  close(): Promise<void>;
}

/**
 * The `bench:api` baseline: a plain `node:http` server over better-sqlite3 (WAL, the given
 * `synchronous`), doing the least work that answers the same requests: POST parses the JSON
 * body, sets namespace/uid/creationTimestamp, inserts one row and returns it (409 on a duplicate);
 * GET by name reads one row; GET of the collection returns every row of the namespace as a list.
 * No validation, admission, revisions, watch or metrics: the floor the operator is compared to.
 */
export async function startBaseline(dataDir: string, synchronous: 'full' | 'normal'): Promise<Baseline> {
  const db = new Database(join(dataDir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  db.exec('CREATE TABLE IF NOT EXISTS objects (namespace TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (namespace, name))');
  const insert = db.prepare('INSERT INTO objects (namespace, name, json) VALUES (?, ?, ?)');
  const getOne = db.prepare('SELECT json FROM objects WHERE namespace = ? AND name = ?').pluck();
  const listAll = db.prepare('SELECT json FROM objects WHERE namespace = ? ORDER BY name').pluck();

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const match = PATH.exec(req.url ?? '');
    if (!match) return send(res, 404, '{"kind":"Status","code":404}');
    const [, namespace, name] = match;
    if (req.method === 'GET' && name) {
      const json = getOne.get(namespace, name) as string | undefined;
      return json === undefined ? send(res, 404, '{"kind":"Status","code":404}') : send(res, 200, json);
    }
    if (req.method === 'GET') {
      const items = listAll.all(namespace) as string[];
      return send(res, 200, `{"apiVersion":"cloudnative.elide.dev/v1","kind":"ApplicationList","metadata":{},"items":[${items.join(',')}]}`);
    }
    if (req.method === 'POST' && !name) return create(res, namespace, body);
    return send(res, 405, '{"kind":"Status","code":405}');
  };

  const create = (res: ServerResponse, namespace: string, body: string) => {
    let object: { metadata?: Record<string, unknown> };
    try {
      object = JSON.parse(body);
    } catch {
      return send(res, 400, '{"kind":"Status","code":400}');
    }
    const metadata: Record<string, unknown> = { ...object.metadata, namespace, uid: randomUUID(), creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    const json = JSON.stringify({ ...object, metadata });
    try {
      insert.run(namespace, String(metadata.name), json);
    } catch {
      return send(res, 409, '{"kind":"Status","code":409}');
    }
    send(res, 201, json);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString()));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seed: (namespace, objects) => {
      db.transaction(() => objects.forEach((object) => insert.run(namespace, object.metadata.name, JSON.stringify(object))))();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

function send(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
