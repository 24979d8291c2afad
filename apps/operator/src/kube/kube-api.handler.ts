import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Response } from 'express';
import { KubeObject, MethodNotAllowedError, NotFoundError, PathNotFoundError, BadRequestError, parseResourceVersion, wantsAggregatedDiscovery } from '@app/api-machinery';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, openApiHash } from '@app/crd';
import { CrdSyncService, CRD_RESOURCE, RequestScope, ResourceService, SYSTEM_USER, UserInfo } from '@app/resources';
import { EventRecorder } from '@app/events';
import type { ParsedRequest } from '../http/body.middleware.js';
import { DiscoveryService } from './discovery.service.js';
import { deleteOptions, listQuery, param, patchType, writeOptions } from './kube-query.js';
import { isTrue, RequestInfo } from './request-info.js';
import { KubeResponder } from './kube-responder.js';
import { recordValidationFailure } from './validation-events.js';

type ResourceInfo = Extract<RequestInfo, { kind: 'resource' }>;

/**
 * Serves every /api and /apis path: discovery, and each verb of each resource (main resource,
 * `status` and `scale` subresources) through the generic ResourceService.
 */
@Injectable()
export class KubeApiHandler {
  constructor(
    private readonly resources: ResourceService,
    private readonly discovery: DiscoveryService,
    private readonly responder: KubeResponder,
    private readonly crds: CrdSyncService,
    @Optional() @Inject(EventRecorder) private readonly recorder?: EventRecorder,
  ) {}

  async handle(info: RequestInfo, req: ParsedRequest, res: Response): Promise<void> {
    if (info.kind === 'discovery') return this.discoveryDocument(info, req, res);
    const scope = this.resources.scope(info, info.namespace, this.userOf(req), req.headers['user-agent']);
    checkSubresource(scope, info);
    this.responder.deprecationWarning(res, scope);
    switch (info.verb) {
      case 'get':
        return this.get(scope, info, req, res);
      case 'list':
        return this.list(scope, req, res);
      case 'watch':
        return this.responder.watch(req, res, scope);
      case 'create':
        return this.write(req, res, scope, 201, this.resources.create(scope, req.body, writeOptions(req.query)));
      case 'update':
        return this.update(scope, info, req, res);
      case 'patch':
        return this.patch(scope, info, req, res);
      case 'delete':
        return this.write(req, res, scope, 200, this.resources.delete(scope, info.name!, deleteOptions(req.query, req.body)));
      case 'deletecollection':
        return this.deleteCollection(scope, req, res);
    }
  }

  /**
   * Legacy discovery, or aggregated discovery v2 for `/api` and `/apis` when the Accept header
   * asks for it (client-go tells them apart by the response Content-Type alone).
   */
  private discoveryDocument(info: Extract<RequestInfo, { kind: 'discovery' }>, req: ParsedRequest, res: Response): void {
    res.setHeader('Vary', 'Accept');
    if ((info.path === 'api' || info.path === 'apis') && wantsAggregatedDiscovery(req.headers.accept)) {
      return this.aggregatedDiscovery(req, res, this.discovery.aggregated(info.path));
    }
    if (info.path === 'api') return this.responder.json(req, res, 200, this.discovery.apiVersions(req.headers.host ?? 'localhost'));
    if (info.path === 'apis') return this.responder.json(req, res, 200, this.discovery.apiGroupList());
    if (info.path === 'group') return this.responder.json(req, res, 200, this.discovery.apiGroup(info.group));
    return this.responder.json(req, res, 200, this.discovery.apiResourceList(info.group, info.version!));
  }

  /** Written as kube does: its own Content-Type, an ETag, 304 when `If-None-Match` has it. */
  private aggregatedDiscovery(req: ParsedRequest, res: Response, document: object): void {
    const json = JSON.stringify(document);
    const etag = `"${openApiHash(json)}"`;
    res.setHeader('Content-Type', AGGREGATED_DISCOVERY_CONTENT_TYPE);
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).end(req.method === 'HEAD' ? undefined : json);
  }

  private async get(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    parseResourceVersion(param(req.query, 'resourceVersion')); // a malformed one is a 400, as for lists
    if (info.subresource === 'scale') return this.responder.json(req, res, 200, await this.resources.getScale(scope, info.name!));
    if (this.responder.wantsTable(req)) return this.responder.object(req, res, scope, 200, await this.resources.get(scope, info.name!));
    return this.responder.text(req, res, 200, await this.resources.getJson(scope, info.name!));
  }

  /** JSON lists are written from the reader's per-object JSON; Tables are built from the objects. */
  private async list(scope: RequestScope, req: ParsedRequest, res: Response): Promise<void> {
    const query = listQuery(req.query);
    if (this.responder.wantsTable(req)) return this.responder.list(req, res, scope, await this.resources.list(scope, query));
    return this.responder.text(req, res, 200, await this.resources.listJson(scope, query));
  }

  private async update(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    const options = writeOptions(req.query);
    if (info.subresource === 'scale') return this.writeScale(req, res, scope, this.resources.updateScale(scope, info.name!, req.body, options));
    const target = info.subresource === 'status' ? 'status' : 'main';
    return this.write(req, res, scope, 200, this.resources.update(scope, info.name!, req.body, options, target));
  }

  private async patch(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    const type = patchType(req.mediaType);
    if (req.body === undefined) throw new BadRequestError('the body of a patch request must not be empty');
    const options = { ...writeOptions(req.query), force: isTrue(req.query.force), subresource: info.subresource };
    if (info.subresource === 'scale') return this.writeScale(req, res, scope, this.resources.patchScale(scope, info.name!, type, req.body, options));
    const result = this.resources.patch(scope, info.name!, type, req.body, options);
    return this.write(req, res, scope, 200, result);
  }

  private async deleteCollection(scope: RequestScope, req: ParsedRequest, res: Response): Promise<void> {
    const list = await this.resources.list(scope, listQuery(req.query));
    const options = deleteOptions(req.query, req.body);
    // As kube-apiserver: every listed object is deleted; one already gone is fine, any other
    // failure is the answer; on success the listed objects are returned.
    for (const item of list.items) {
      await this.resources.delete({ ...scope, namespace: item.metadata?.namespace }, item.metadata!.name!, options).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
    }
    return this.responder.list(req, res, scope, list);
  }

  private async write(req: ParsedRequest, res: Response, scope: RequestScope, code: number, pending: Promise<{ object: KubeObject; warnings: string[]; created?: boolean }>): Promise<void> {
    const result = await pending.catch((error: unknown) => this.failed(scope, req, error));
    this.responder.warnings(res, result.warnings);
    if (scope.definition.group === CRD_RESOURCE.group && scope.definition.plural === CRD_RESOURCE.resource && !req.query.dryRun) {
      if (result.object.metadata?.deletionTimestamp === undefined) this.crds.apply(result.object);
    }
    const status = req.method === 'PATCH' && result.created ? 201 : code;
    return this.responder.object(req, res, scope, status, result.object);
  }

  private async writeScale(req: ParsedRequest, res: Response, scope: RequestScope, pending: Promise<{ object: KubeObject; warnings: string[] }>): Promise<void> {
    const result = await pending.catch((error: unknown) => this.failed(scope, req, error));
    this.responder.warnings(res, result.warnings);
    return this.responder.json(req, res, 200, result.object);
  }

  /** Records a FailedValidation event for a refused Application write, then rethrows. */
  private failed(scope: RequestScope, req: ParsedRequest, error: unknown): never {
    const stored = req.method === 'POST' ? undefined : (name: string) => this.resources.get(scope, name);
    recordValidationFailure(this.recorder, scope, error, { dryRun: Boolean(req.query.dryRun), body: req.body, stored });
    throw error;
  }

  private userOf(req: ParsedRequest): UserInfo {
    return (req as ParsedRequest & { user?: UserInfo }).user ?? SYSTEM_USER;
  }
}

function checkSubresource(scope: RequestScope, info: ResourceInfo): void {
  const sub = info.subresource;
  if (sub === undefined) return;
  if (!info.name) throw new PathNotFoundError();
  if (sub === 'status' && scope.version.subresources.status) return;
  if (sub === 'scale' && scope.version.subresources.scale) return;
  throw new PathNotFoundError();
}

export { MethodNotAllowedError };
