import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeObject, StatusError } from '@app/api-machinery';
import { applicationCrd, CustomResourceDefinition } from '@app/crd';
import { CRD_RESOURCE, ResourceClient, ResourceClientFactory } from '@app/resources';
import { CLUSTER_OPTIONS } from '../cluster.constants.js';
import { ResolvedClusterOptions } from '../cluster.options.js';
import { KubeConnectionError } from '../client/status-errors.js';
import { compareCrds, isEstablished } from './crd-compatibility.js';
import { withoutConversion } from './conversion-webhook.js';
import { crdManifest } from './crd-manifest.js';

/** The cluster does not serve the Application resource as this operator needs it. */
export class CrdCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrdCheckError';
  }
}

/**
 * On start (before any informer lists), makes sure the cluster serves the Application CRD this
 * operator was built with: with `installCrd`, applies it first (server-side apply, forced, as
 * this operator's fieldManager: idempotent), without `spec.conversion` (the operator knows
 * neither its Service nor the CA kube-apiserver trusts: a conversion webhook set by
 * deploy/kubernetes is kept, a CRD the operator creates gets kube's default `None`); then reads
 * it and fails start-up with a CrdCheckError naming what is missing (no CRD, a version not
 * served, another group or scope). Schema or storage differences, several served versions
 * without a conversion webhook, and a CRD not yet Established are logged as warnings. While
 * the API server is unreachable it retries (`startupAttempts`, 1 s apart).
 */
@Injectable()
export class ApplicationCrdCheck implements OnModuleInit {
  private readonly logger = new Logger('ClusterCrd');
  private readonly client: ResourceClient<CustomResourceDefinition>;
  private readonly wanted: CustomResourceDefinition;

  constructor(clients: ResourceClientFactory, @Inject(CLUSTER_OPTIONS) private readonly options: ResolvedClusterOptions) {
    this.client = clients.client<CustomResourceDefinition>(CRD_RESOURCE);
    this.wanted = structuredClone(options.crd ?? applicationCrd);
  }

  async onModuleInit(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensure();
        return;
      } catch (error) {
        if (!(error instanceof KubeConnectionError) || attempt >= this.options.startupAttempts) throw error;
        this.logger.warn(`${error.message}; retrying (attempt ${attempt} of ${this.options.startupAttempts})`);
        await delay(1000);
      }
    }
  }

  /** Installs (when configured) and checks the CRD; returns the CRD the cluster serves. */
  async ensure(): Promise<CustomResourceDefinition> {
    const name = this.wanted.metadata.name;
    if (this.options.installCrd) {
      const { created } = await this.client.patch(undefined, name, 'apply', withoutConversion(crdManifest(this.wanted as KubeObject)), { fieldManager: this.options.fieldManager, force: true });
      this.logger.log(`${created ? 'installed' : 'updated'} CustomResourceDefinition ${name}`);
    }
    const live = await this.read(name);
    const { problems, differences } = compareCrds(this.wanted, live);
    if (problems.length > 0) throw new CrdCheckError(`CustomResourceDefinition ${name} in the cluster does not serve what this operator needs: ${problems.join('; ')}. ${REMEDY}`);
    for (const difference of differences) this.logger.warn(`CustomResourceDefinition ${name}: ${difference}. ${REMEDY}`);
    if (!isEstablished(live)) this.logger.warn(`CustomResourceDefinition ${name} is not Established yet`);
    const unconverted = withoutConversionWebhook(live);
    if (unconverted) this.logger.warn(`CustomResourceDefinition ${name}: ${unconverted}. ${CONVERSION_REMEDY}`);
    this.logger.log(`CustomResourceDefinition ${name} serves ${live.spec.versions.filter((v) => v.served).map((v) => v.name).join(', ')}`);
    return live;
  }

  private async read(name: string): Promise<CustomResourceDefinition> {
    try {
      return await this.client.get(undefined, name);
    } catch (error) {
      if (error instanceof StatusError && error.code === 404) throw new CrdCheckError(`CustomResourceDefinition ${name} is not installed in the cluster. ${REMEDY}`);
      throw error;
    }
  }
}

/** Why v1beta1 clients would see v1 objects, or undefined when the cluster converts through a webhook (or serves one version). */
function withoutConversionWebhook(live: CustomResourceDefinition): string | undefined {
  const served = live.spec.versions.filter((version) => version.served).map((version) => version.name);
  const strategy = live.spec.conversion?.strategy ?? 'None';
  if (served.length < 2 || strategy === 'Webhook') return undefined;
  return `spec.conversion.strategy is ${strategy}: kube-apiserver serves ${served.join(', ')} without converting (a v1beta1 client gets spec.replicas, not spec.replicaCount)`;
}

const CONVERSION_REMEDY = 'Apply deploy/kubernetes/base/crd.yaml (conversion webhook POST /convert) with its caBundle (the cert-manager component injects it).';

const REMEDY = 'Apply deploy/kubernetes (kubectl apply -k deploy/kubernetes), or start with INSTALL_CRD=true (needs patch on customresourcedefinitions).';
