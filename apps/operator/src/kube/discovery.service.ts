import { Injectable } from '@nestjs/common';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, ApiGroupDiscoveryList, ApiResourceList, CrdRegistry } from '@app/crd';

/**
 * Discovery documents (`/api`, `/apis`, `/apis/<group>`, `.../<version>`, legacy and aggregated
 * v2), built from the registry on every call, so a CRD served a moment ago is discoverable at
 * once. Lookups of unserved groups or versions throw PathNotFoundError (404).
 */
@Injectable()
export class DiscoveryService {
  constructor(private readonly registry: CrdRegistry) {}

  apiVersions(serverAddress: string) {
    return apiVersions(this.registry.all(), serverAddress);
  }

  apiGroupList() {
    return apiGroupList(this.registry.all());
  }

  apiGroup(group: string) {
    return apiGroup(this.registry.all(), group);
  }

  apiResourceList(group: string, version: string): ApiResourceList {
    return apiResourceList(this.registry.all(), group, version);
  }

  /** `apidiscovery.k8s.io/v2` APIGroupDiscoveryList for `/api` (core) or `/apis` (named groups). */
  aggregated(root: 'api' | 'apis'): ApiGroupDiscoveryList {
    return aggregatedDiscovery(this.registry.all(), root);
  }
}
