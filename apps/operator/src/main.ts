import { ConfigurationError, loadConfig } from '@app/config';
import { startOperator } from './bootstrap.js';

/** Entry point: validated configuration, then serve until SIGTERM/SIGINT, then a graceful stop. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const operator = await startOperator(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      operator
        .shutdown(signal)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
