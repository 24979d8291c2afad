export { compileSchema, admitWithoutSchema, SchemaCompileError, type CompiledSchema } from './schema-engine.js';
export { kubeCause, describeCause } from './field-errors.js';
export { formatKubeValue } from './kube-value.js';
export { fieldPath, type PathSegment } from './field-path.js';
export type { Schema } from './json-schema.js';
