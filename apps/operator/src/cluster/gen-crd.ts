import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { withConversionWebhook } from '@app/cluster';
import { CRD_MANIFEST_PATH, crdManifestYaml, servedCrdManifest } from './crd-manifest-file.js';

/**
 * `node dist/apps/operator/src/cluster/gen-crd.js [--check | --stdout]`: writes the Application
 * CRD, as a standalone operator serves it with its conversion set to the webhook (`POST /convert`
 * on the deployed Service; the cert-manager component injects the caBundle), to
 * deploy/kubernetes/base/crd.yaml (`--stdout`: prints it; `--check`: exits 1 when the committed
 * file differs).
 */
async function main(): Promise<void> {
  const text = crdManifestYaml(withConversionWebhook(await servedCrdManifest()));
  const mode = process.argv[2];
  if (mode === '--stdout') process.stdout.write(text);
  else if (mode === '--check') {
    const current = readFileSync(CRD_MANIFEST_PATH, 'utf8');
    if (current !== text) {
      console.error(`${CRD_MANIFEST_PATH} is stale: run node dist/apps/operator/src/cluster/gen-crd.js`);
      process.exit(1);
    }
  } else {
    writeFileSync(CRD_MANIFEST_PATH, text);
    console.error(`wrote ${CRD_MANIFEST_PATH}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
