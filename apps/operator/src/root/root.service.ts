import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { OperatorConfig } from '@app/config';
import { CRD_RESOURCE, ResourceService } from '@app/resources';

const pkg = JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string; description: string };

export const APPLICATION_CRD_NAME = 'applications.cloudnative.elide.dev';

/** What `GET /` and `GET /version` report about this process. */
@Injectable()
export class RootService {
  constructor(private readonly config: OperatorConfig, private readonly resources: ResourceService) {}

  info() {
    return {
      name: pkg.name,
      description: pkg.description,
      version: pkg.version,
      mode: 'standalone',
      storage: this.config.STORAGE,
      features: {
        kubernetesApi: true,
        leaderElection: this.config.ENABLE_LEADER_ELECTION,
        reconciler: this.config.RECONCILER_ENABLED,
        webhookTls: this.config.WEBHOOK_TLS,
      },
      endpoints: {
        applications: '/apis/cloudnative.elide.dev/v1/applications',
        namespacedApplications: '/apis/cloudnative.elide.dev/v1/namespaces/{namespace}/applications',
        crd: '/crd',
        crds: '/crds',
        customResourceDefinitions: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        discovery: ['/api', '/apis'],
        health: '/healthz',
        readiness: '/readyz',
        version: '/version',
        metrics: '/metrics',
        leader: '/leader',
        queue: '/debug/queue',
        events: '/events',
        watch: '/watch',
        dashboard: '/dashboard',
        docs: '/docs',
        webhooks: ['/validate', '/mutate', '/convert'],
      },
    };
  }

  version() {
    return {
      major: '1',
      minor: '32',
      gitVersion: `v1.32.0+application-operator-${pkg.version}`,
      gitCommit: '',
      gitTreeState: 'clean',
      buildDate: '',
      goVersion: `node${process.versions.node}`,
      compiler: 'node',
      platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
    };
  }

  applicationCrd() {
    return this.resources.get(this.resources.scope(CRD_RESOURCE), APPLICATION_CRD_NAME);
  }

  crds() {
    return this.resources.list(this.resources.scope(CRD_RESOURCE));
  }
}
