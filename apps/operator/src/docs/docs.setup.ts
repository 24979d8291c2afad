import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CrdRegistry } from '@app/crd';
import { RootService } from '../root/root.service.js';
import { DOCS_JSON_PATH, DOCS_PATH } from './docs.constants.js';
import { describeMetricsEndpoint } from './metrics-docs.js';
import { OperatorApiDocument } from './operator-document.js';

const DESCRIPTION = [
  'A Kubernetes-compatible control plane for `Application` resources (`cloudnative.elide.dev`).',
  '',
  'The Kubernetes API paths (`/api`, `/apis/...`) are generated from the CRD registry by the same generator as `/openapi/v3`, so the schemas are the CRDs\' own. Errors are Kubernetes `Status` objects.',
  'Live views: the dashboard at [/dashboard](/dashboard) and Server-Sent Events at `/watch`.',
].join('\n');

/**
 * Serves the API reference: Swagger UI at `/docs` (its assets from the installed
 * `swagger-ui-dist`, nothing from a CDN), the OpenAPI 3 document at `/docs-json` and `/docs-yaml`.
 * Call before `app.listen()` (the routes must precede Nest's not-found handler). The document is
 * built on first request and rebuilt after any CRD registry change (the registry completes its
 * changes on shutdown, which ends the document's subscription).
 */
export function setupDocs(app: INestApplication): OperatorApiDocument {
  describeMetricsEndpoint();
  const config = new DocumentBuilder()
    .setTitle('Application Operator API')
    .setDescription(DESCRIPTION)
    .setVersion(app.get(RootService, { strict: false }).info().version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token from TOKEN_AUTH_FILE (only when AUTH_MODE=token).' }, 'bearer')
    .addSecurityRequirements({})
    .addSecurityRequirements('bearer')
    .build();
  const documents = new OperatorApiDocument(() => SwaggerModule.createDocument(app, config, { autoTagControllers: false }), app.get(CrdRegistry, { strict: false }));
  SwaggerModule.setup(DOCS_PATH, app, () => documents.document(), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    customSiteTitle: 'Application Operator API',
    patchDocumentOnRequest: () => documents.document(),
    swaggerOptions: { validatorUrl: null, docExpansion: 'list', defaultModelsExpandDepth: 0, filter: true, persistAuthorization: false, tryItOutEnabled: false },
  });
  return documents;
}
