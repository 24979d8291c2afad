import { Controller, Get } from '@nestjs/common';
import { RootService } from './root.service.js';

/** Service information: `GET /`, `GET /version`, and the CRD shortcuts `GET /crd`, `GET /crds`. */
@Controller()
export class RootController {
  constructor(private readonly root: RootService) {}

  @Get()
  info() {
    return this.root.info();
  }

  @Get('version')
  version() {
    return this.root.version();
  }

  @Get('crd')
  crd() {
    return this.root.applicationCrd();
  }

  @Get('crds')
  crds() {
    return this.root.crds();
  }
}
