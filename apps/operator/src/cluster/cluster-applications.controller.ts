import { Controller, Get, Param, Query } from '@nestjs/common';
import { KubeList, KubeObject } from '@app/api-machinery';
import { APPLICATION_RESOURCE } from '@app/reconciler';
import { ResourceClient, ResourceClientFactory } from '@app/resources';

/** The list parameters passed through to the cluster. */
interface ListParams {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: string;
  continue?: string;
}

/**
 * Read-only Application reads in cluster mode, answered from the cluster (kube-apiserver serves
 * the real API; this keeps the dashboard's list-then-watch working against the operator's own
 * port): list across namespaces, list in a namespace, get. Errors are the cluster's Status.
 */
@Controller('apis/cloudnative.elide.dev/v1')
export class ClusterApplicationsController {
  private readonly client: ResourceClient;

  constructor(clients: ResourceClientFactory) {
    this.client = clients.client(APPLICATION_RESOURCE);
  }

  @Get('applications')
  list(@Query() query: ListParams): Promise<KubeList<KubeObject>> {
    return this.client.list(undefined, listQuery(query));
  }

  @Get('namespaces/:namespace/applications')
  listNamespaced(@Param('namespace') namespace: string, @Query() query: ListParams): Promise<KubeList<KubeObject>> {
    return this.client.list(namespace, listQuery(query));
  }

  @Get('namespaces/:namespace/applications/:name')
  get(@Param('namespace') namespace: string, @Param('name') name: string): Promise<KubeObject> {
    return this.client.get(namespace, name);
  }
}

function listQuery(query: ListParams) {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const limit = text(query.limit);
  return { labelSelector: text(query.labelSelector), fieldSelector: text(query.fieldSelector), continue: text(query.continue), limit: limit && /^\d+$/.test(limit) ? Number(limit) : undefined };
}
