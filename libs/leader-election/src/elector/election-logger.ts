/** The Nest Logger methods an elector uses (tests pass a collector). */
export interface ElectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}
