import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { CrdRegistry, OpenApiV3Documents, SerializedDocument } from '@app/crd';

/**
 * The `/openapi/v3` index and group-version documents of everything the registry serves. Each
 * document is generated once and cached until the registry changes (any register/unregister).
 */
@Injectable()
export class OpenApiService implements OnModuleDestroy {
  private readonly documents: OpenApiV3Documents;
  private readonly subscription: Subscription;

  constructor(registry: CrdRegistry) {
    this.documents = new OpenApiV3Documents(() => registry.all());
    this.subscription = registry.changes$.subscribe(() => this.documents.invalidate());
  }

  index(): SerializedDocument {
    return this.documents.index();
  }

  /** `path` is `api/v1` or `apis/<group>/<version>`; undefined when that is not served. */
  document(path: string): SerializedDocument | undefined {
    return this.documents.document(path);
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
