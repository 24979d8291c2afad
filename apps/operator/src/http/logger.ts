import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { OperatorConfig } from '@app/config';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** The process logger: LOG_FORMAT json (one object per line) or text, filtered by LOG_LEVEL. */
export function createLogger(config: Pick<OperatorConfig, 'LOG_FORMAT' | 'LOG_LEVEL' | 'POD_NAME'>): ConsoleLogger {
  const json = config.LOG_FORMAT === 'json';
  return new ConsoleLogger({
    json,
    colors: !json && process.stdout.isTTY === true,
    logLevels: LEVELS[config.LOG_LEVEL] ?? LEVELS.info,
    prefix: config.POD_NAME ? `operator:${config.POD_NAME}` : 'operator',
  });
}
