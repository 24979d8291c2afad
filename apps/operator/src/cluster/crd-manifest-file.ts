import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { KubeObject } from '@app/api-machinery';
import { crdManifest } from '@app/cluster';
import { loadConfig } from '@app/config';
import { startOperator } from '../bootstrap.js';

/** The committed CRD manifest (deploy/kubernetes/base/crd.yaml), from the compiled file's location. */
export const CRD_MANIFEST_PATH = fileURLToPath(new URL('../../../../../deploy/kubernetes/base/crd.yaml', import.meta.url));

const HEADER = [
  '# GENERATED: the Application CRD exactly as the operator serves it (GET /crd), without the',
  '# server-set metadata and status, its conversion set to the operator\'s webhook (POST /convert).',
  '# Regenerate with `npm run gen:crd` after changing libs/crd/src/application/;',
  '# test/e2e/cluster-manifests.e2e-spec.ts fails when stale.',
].join('\n');

/** Reads `GET /crd` from an operator at `url` and returns it as a manifest. */
export async function fetchCrdManifest(url: string): Promise<KubeObject> {
  const response = await fetch(`${url}/crd`);
  if (!response.ok) throw new Error(`GET ${url}/crd answered ${response.status}: ${await response.text()}`);
  return crdManifest((await response.json()) as KubeObject);
}

/** Starts a throw-away in-memory standalone operator and returns the CRD manifest it serves. */
export async function servedCrdManifest(): Promise<KubeObject> {
  const operator = await startOperator(loadConfig({ STORAGE: 'memory', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', ENABLE_LEADER_ELECTION: 'false', RECONCILER_ENABLED: 'false' }));
  try {
    return await fetchCrdManifest(operator.url);
  } finally {
    await operator.shutdown();
  }
}

/** The manifest as the committed YAML file's text. */
export function crdManifestYaml(manifest: KubeObject): string {
  return `${HEADER}\n${stringify(manifest, { lineWidth: 0 })}`;
}
