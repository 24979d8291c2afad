import type { Response } from 'express';
import { StatusError } from '@app/api-machinery';

/** Writes a StatusError as kube-apiserver does: JSON `Status`, its code, its headers. */
export function sendStatus(res: Response, error: StatusError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.code).type('application/json').send(JSON.stringify(error.toStatus()));
}
