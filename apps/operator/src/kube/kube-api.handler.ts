import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { KubeObject, MethodNotAllowedError, PathNotFoundError, BadRequestError } from '@app/api-machinery';
import { CrdSyncService, CRD_RESOURCE, RequestScope, ResourceService, SYSTEM_USER, UserInfo } from '@app/resources';
import type { ParsedRequest } from '../http/body.middleware.js';
import { DiscoveryService } from './discovery.service.js';
import { deleteOptions, listQuery, patchType, writeOptions } from './kube-query.js';
import { RequestInfo } from './request-info.js';
import { KubeResponder } from './kube-responder.js';

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
  ) {}

  async handle(info: RequestInfo, req: ParsedRequest, res: Response): Promise<void> {
    if (info.kind === 'discovery') return this.responder.json(req, res, 200, this.discoveryDocument(info, req));
    const scope = this.resources.scope(info, info.namespace, this.userOf(req));
    checkSubresource(scope, info);
    this.responder.deprecationWarning(res, scope);
    switch (info.verb) {
      case 'get':
        return this.get(scope, info, req, res);
      case 'list':
        return this.responder.list(req, res, scope, await this.resources.list(scope, listQuery(req.query)));
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

  private discoveryDocument(info: Extract<RequestInfo, { kind: 'discovery' }>, req: ParsedRequest) {
    if (info.path === 'api') return this.discovery.apiVersions(req.headers.host ?? 'localhost');
    if (info.path === 'apis') return this.discovery.apiGroupList();
    if (info.path === 'group') return this.discovery.apiGroup(info.group);
    return this.discovery.apiResourceList(info.group, info.version!);
  }

  private async get(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    if (info.subresource === 'scale') return this.responder.json(req, res, 200, await this.resources.getScale(scope, info.name!));
    return this.responder.object(req, res, scope, 200, await this.resources.get(scope, info.name!));
  }

  private async update(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    const options = writeOptions(req.query);
    if (info.subresource === 'scale') return this.writeScale(req, res, this.resources.updateScale(scope, info.name!, req.body, options));
    const target = info.subresource === 'status' ? 'status' : 'main';
    return this.write(req, res, scope, 200, this.resources.update(scope, info.name!, req.body, options, target));
  }

  private async patch(scope: RequestScope, info: ResourceInfo, req: ParsedRequest, res: Response): Promise<void> {
    const type = patchType(req.mediaType);
    if (req.body === undefined) throw new BadRequestError('the body of a patch request must not be empty');
    const options = { ...writeOptions(req.query), force: req.query.force === 'true', subresource: info.subresource };
    if (info.subresource === 'scale') return this.writeScale(req, res, this.resources.patchScale(scope, info.name!, type, req.body, options));
    const result = this.resources.patch(scope, info.name!, type, req.body, options);
    return this.write(req, res, scope, 200, result);
  }

  private async deleteCollection(scope: RequestScope, req: ParsedRequest, res: Response): Promise<void> {
    const list = await this.resources.list(scope, listQuery(req.query));
    const options = deleteOptions(req.query, req.body);
    for (const item of list.items) {
      await this.resources.delete({ ...scope, namespace: item.metadata?.namespace }, item.metadata!.name!, options).catch(() => undefined);
    }
    return this.responder.list(req, res, scope, list);
  }

  private async write(req: ParsedRequest, res: Response, scope: RequestScope, code: number, pending: Promise<{ object: KubeObject; warnings: string[]; created?: boolean }>): Promise<void> {
    const result = await pending;
    this.responder.warnings(res, result.warnings);
    if (scope.definition.group === CRD_RESOURCE.group && scope.definition.plural === CRD_RESOURCE.resource && !req.query.dryRun) {
      if (result.object.metadata?.deletionTimestamp === undefined) this.crds.apply(result.object);
    }
    const status = req.method === 'PATCH' && result.created ? 201 : code;
    return this.responder.object(req, res, scope, status, result.object);
  }

  private async writeScale(req: ParsedRequest, res: Response, pending: Promise<{ object: KubeObject; warnings: string[] }>): Promise<void> {
    const result = await pending;
    this.responder.warnings(res, result.warnings);
    return this.responder.json(req, res, 200, result.object);
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
