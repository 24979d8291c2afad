import { Global, Module } from '@nestjs/common';
import { AdmissionChain } from '@app/resources';
import { WebhookAdmissionChain } from './chain/webhook-admission-chain.js';
import { AdmissionConfigurableModule } from './admission.module-definition.js';
import { AdmissionEngine } from './engine/admission-engine.js';
import { AdmissionMetrics } from './engine/admission-metrics.js';
import { PolicyStore } from './policy/policy-store.js';
import { AdmissionReviewService } from './review/admission-review.service.js';
import { ConversionReviewService } from './conversion/conversion-review.service.js';
import { TlsManager } from './tls/tls-manager.js';

/**
 * Admission for the whole app: provides `AdmissionChain` (as WebhookAdmissionChain, picked up by
 * the resource layer), the AdmissionReview service behind `/validate` and `/mutate`, the
 * ConversionReview service behind `/convert`, the policy store and the webhook TLS manager.
 * Global, so lower layers can inject `AdmissionChain`. Needs the metrics from @app/metrics
 * (MetricsModule is global) and the CrdRegistry (CrdModule is global); an `EventRecorder` is optional.
 */
@Global()
@Module({
  providers: [
    AdmissionMetrics,
    PolicyStore,
    AdmissionEngine,
    AdmissionReviewService,
    ConversionReviewService,
    WebhookAdmissionChain,
    { provide: AdmissionChain, useExisting: WebhookAdmissionChain },
    TlsManager,
  ],
  exports: [AdmissionChain, WebhookAdmissionChain, AdmissionReviewService, ConversionReviewService, AdmissionEngine, PolicyStore, TlsManager],
})
export class AdmissionModule extends AdmissionConfigurableModule {}
