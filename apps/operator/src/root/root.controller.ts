import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOk, ApiStatusResponses, KUBE_SCHEMA, SCHEMA, TAG } from '../docs/decorators.js';
import { RootService } from './root.service.js';

/** Service information: `GET /`, `GET /version`, and the CRD shortcuts `GET /crd`, `GET /crds`. */
@Controller()
export class RootController {
  constructor(private readonly root: RootService) {}

  @Get()
  @ApiTags(TAG.discovery)
  @ApiOperation({ summary: 'Service information: name, version, mode, features and where each endpoint is' })
  @ApiJsonOk(SCHEMA.rootInfo)
  info() {
    return this.root.info();
  }

  @Get('version')
  @ApiTags(TAG.discovery)
  @ApiOperation({ summary: 'Kubernetes-style version (what `kubectl version` reads)' })
  @ApiJsonOk(SCHEMA.versionInfo)
  version() {
    return this.root.version();
  }

  @Get('crd')
  @ApiTags(TAG.crds)
  @ApiOperation({ summary: 'The Application CRD (applications.cloudnative.elide.dev), as stored, with its status' })
  @ApiJsonOk(KUBE_SCHEMA.crd)
  @ApiStatusResponses([404])
  crd() {
    return this.root.applicationCrd();
  }

  @Get('crds')
  @ApiTags(TAG.crds)
  @ApiOperation({ summary: 'Every registered CRD (a CustomResourceDefinitionList)' })
  @ApiJsonOk(KUBE_SCHEMA.crdList)
  crds() {
    return this.root.crds();
  }
}
