import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { OperatorConfig } from '@app/config';
import { KubeList } from '@app/api-machinery';
import { applicationCrd, CustomResourceDefinition } from '@app/crd';
import { KubeApiResourceClientFactory } from '@app/cluster';
import { CRD_RESOURCE, ResourceClientFactory } from '@app/resources';

const pkg = JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string; description: string };

/**
 * RootService's role in cluster mode (ClusterModeModule provides it as RootService, so
 * RootController and the docs work unchanged): what `GET /`, `GET /version`, `GET /crd` and
 * `GET /crds` report when the cluster serves the API. The CRD is read from the cluster.
 */
@Injectable()
export class ClusterInfoService {
  constructor(
    private readonly config: OperatorConfig,
    @Inject(ResourceClientFactory) private readonly clients: KubeApiResourceClientFactory,
  ) {}

  info() {
    return {
      name: pkg.name,
      description: pkg.description,
      version: pkg.version,
      mode: 'cluster',
      cluster: { server: this.clients.transport.server },
      features: {
        kubernetesApi: false,
        leaderElection: this.config.ENABLE_LEADER_ELECTION,
        reconciler: this.config.RECONCILER_ENABLED,
        webhookTls: this.config.WEBHOOK_TLS,
        installCrd: this.config.INSTALL_CRD,
      },
      endpoints: {
        applications: '/apis/cloudnative.elide.dev/v1/applications (read-only, from the cluster)',
        crd: '/crd',
        health: '/healthz',
        readiness: '/readyz',
        metrics: '/metrics',
        events: '/events',
        watch: '/watch',
        leader: '/leader',
        webhooks: ['/validate', '/mutate', '/convert'],
      },
    };
  }

  version() {
    return { major: '1', minor: '32', gitVersion: `v0.0.0+application-operator-${pkg.version}`, goVersion: `node${process.versions.node}`, compiler: 'node', platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}` };
  }

  /** The Application CRD as the cluster serves it. */
  applicationCrd(): Promise<CustomResourceDefinition> {
    return this.clients.client<CustomResourceDefinition>(CRD_RESOURCE).get(undefined, applicationCrd.metadata.name);
  }

  /** The CRDs this operator serves: only the Application CRD (its ClusterRole may read no other). */
  async crds(): Promise<KubeList<CustomResourceDefinition>> {
    const crd = await this.applicationCrd();
    return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinitionList', metadata: { resourceVersion: crd.metadata.resourceVersion }, items: [crd] };
  }
}
