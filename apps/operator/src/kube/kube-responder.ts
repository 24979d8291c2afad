import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { KubeList, KubeObject } from '@app/api-machinery';
import { RequestScope, ResourceService, ResourceWatchEvent } from '@app/resources';
import type { ParsedRequest } from '../http/body.middleware.js';
import { watchQuery } from './kube-query.js';
import { TableConverter } from './table-converter.js';
import { warningHeaders } from './warning-headers.js';
import { KubeWatchHandler } from './kube-watch.handler.js';

/** What `res.type('application/json')` and `res.send(string)` set. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** When `res.send(json)` would only set Content-Type and Content-Length and end with the body. */
function sendsPlainly(req: ParsedRequest, res: Response, code: number): boolean {
  if (code !== 200 && code !== 201) return false;
  if (req.method === 'HEAD' || req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) return false;
  return !res.hasHeader('Transfer-Encoding') && !res.hasHeader('ETag') && typeof req.app.get('etag fn') !== 'function';
}

/**
 * Writes API responses as kube-apiserver does: JSON (or a meta.k8s.io/v1 Table when the
 * Accept header asks for one), `Warning` headers, and watch streams.
 */
@Injectable()
export class KubeResponder {
  constructor(
    private readonly tables: TableConverter,
    private readonly resources: ResourceService,
    private readonly watches: KubeWatchHandler,
  ) {}

  json(req: ParsedRequest, res: Response, code: number, body: unknown): void {
    this.text(req, res, code, req.method === 'HEAD' ? undefined : JSON.stringify(body));
  }

  /**
   * A body already serialised as JSON. Express's `res.send` when it could change something
   * (HEAD, conditional requests, ETags, codes without a body); otherwise the very headers it
   * would write (same text, same order), without its per-call parsing of them.
   */
  text(req: ParsedRequest, res: Response, code: number, json: string | undefined): void {
    if (json !== undefined && sendsPlainly(req, res, code)) {
      res.statusCode = code;
      res.setHeader('Content-Type', JSON_CONTENT_TYPE);
      res.setHeader('Content-Length', String(Buffer.byteLength(json)));
      res.end(json);
      return;
    }
    res.status(code).type('application/json');
    res.send(req.method === 'HEAD' ? undefined : json);
  }

  /** Whether the response is a meta.k8s.io Table (built from objects) rather than the objects' JSON. */
  wantsTable(req: ParsedRequest): boolean {
    return this.tables.wanted(req);
  }

  object(req: ParsedRequest, res: Response, scope: RequestScope, code: number, object: KubeObject): void {
    const table = this.tables.wanted(req) ? this.tables.forObjects(scope, [object], {}, req) : undefined;
    this.json(req, res, code, table ?? object);
  }

  list(req: ParsedRequest, res: Response, scope: RequestScope, list: KubeList): void {
    const table = this.tables.wanted(req) ? this.tables.forObjects(scope, list.items, list.metadata, req) : undefined;
    this.json(req, res, 200, table ?? list);
  }

  watch(req: ParsedRequest, res: Response, scope: RequestScope): void {
    const query = watchQuery(req.query);
    const events = this.resources.watch(scope, query);
    const asTable = this.tables.wanted(req);
    const transform = asTable
      ? (event: ResourceWatchEvent): ResourceWatchEvent =>
          event.type === 'ERROR' || event.type === 'BOOKMARK' ? event : { type: event.type, object: this.tables.forObjects(scope, [event.object as KubeObject], {}, req) as never }
      : undefined;
    this.watches.serve(req, res, scope, events, { ...query, transform });
  }

  /** `Warning: 299 - "..."` headers for every warning of the request so far, within kube-apiserver's size limits. */
  warnings(res: Response, warnings: string[]): void {
    if (warnings.length === 0) return;
    const locals = res.locals as { warningTexts?: string[] };
    locals.warningTexts = [...(locals.warningTexts ?? []), ...warnings];
    res.setHeader('Warning', warningHeaders(locals.warningTexts));
  }

  deprecationWarning(res: Response, scope: RequestScope): void {
    const version = scope.version;
    if (!version.deprecated) return;
    const group = scope.definition.group;
    const text = version.deprecationWarning ?? `${group}/${version.name} ${scope.definition.kind} is deprecated`;
    this.warnings(res, [text]);
  }
}

