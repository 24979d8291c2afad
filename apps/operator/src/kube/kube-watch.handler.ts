import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { RequestScope, requestApiVersion, ResourceWatchEvent } from '@app/resources';
import { KubeWatchResponder } from '@app/watch';
import { Observable } from 'rxjs';
import type { ParsedRequest } from '../http/body.middleware.js';
import { InFlightRequests } from '../http/in-flight.js';

export interface WatchResponseOptions {
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  transform?: (event: ResourceWatchEvent) => ResourceWatchEvent;
}

/** Streams a resource watch as kube-apiserver frames it (newline-delimited JSON events). */
@Injectable()
export class KubeWatchHandler {
  constructor(private readonly responder: KubeWatchResponder) {}

  serve(_req: ParsedRequest, res: Response, scope: RequestScope, events: Observable<ResourceWatchEvent>, options: WatchResponseOptions): void {
    InFlightRequests.markLongRunning(res);
    void this.responder.serve(res, events, {
      kind: scope.definition.kind,
      apiVersion: requestApiVersion(scope),
      timeoutSeconds: options.timeoutSeconds,
      allowWatchBookmarks: options.allowWatchBookmarks,
      transform: options.transform,
    });
  }
}
