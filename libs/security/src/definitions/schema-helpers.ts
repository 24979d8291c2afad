import type { JsonSchemaProps } from '@app/crd';

/** Small builders for the built-in schemas of this lib. */
export const schema = {
  string: (description: string): JsonSchemaProps => ({ type: 'string', description }),
  boolean: (description: string): JsonSchemaProps => ({ type: 'boolean', description }),
  strings: (description: string): JsonSchemaProps => ({ type: 'array', description, items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' }),
  object: (description: string, properties: Record<string, JsonSchemaProps>, required?: string[]): JsonSchemaProps => ({
    type: 'object',
    description,
    properties,
    ...(required ? { required } : {}),
  }),
  array: (description: string, items: JsonSchemaProps): JsonSchemaProps => ({ type: 'array', description, items, 'x-kubernetes-list-type': 'atomic' }),
  /** apiVersion, kind and metadata, as every object schema declares them. */
  typeMeta: (): Record<string, JsonSchemaProps> => ({
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
    metadata: { type: 'object', description: "Standard object's metadata." },
  }),
};

/** kube's `Age` column. */
export const AGE_COLUMN = {
  name: 'Age',
  type: 'date' as const,
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  jsonPath: '.metadata.creationTimestamp',
};
