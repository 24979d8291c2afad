import { BadRequestError, UnsupportedMediaTypeError } from '../errors/status-error.js';
import { KUBE_PROTOBUF_SCHEMAS, MessageSchema } from './kube-protobuf-schemas.js';
import { ProtobufError, readFields } from './protobuf-reader.js';

/** The media type kubectl and client-go send built-in objects in. */
export const KUBE_PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

/**
 * Decodes a Kubernetes protobuf body (`k8s\0` + runtime.Unknown{typeMeta, raw}) into the JSON
 * object kube-apiserver would have decoded, for the kinds in KUBE_PROTOBUF_SCHEMAS (RBAC
 * objects, self access reviews, Namespace). Fields outside those schemas are dropped, as are
 * empty values (JSON's omitempty). Throws BadRequestError for a malformed body and
 * UnsupportedMediaTypeError (415) for a kind it cannot decode.
 */
export function decodeKubeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) throw new BadRequestError('the protobuf body does not start with the Kubernetes magic number');
  try {
    const unknown = decodeMessage(body.subarray(MAGIC.length), { 1: { name: 'typeMeta', type: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } } } });
    const raw = readFields(body.subarray(MAGIC.length)).find((field) => field.number === 2)?.value;
    const { apiVersion = '', kind = '' } = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const schema = KUBE_PROTOBUF_SCHEMAS[`${apiVersion}/${kind}`];
    if (!schema) throw new UnsupportedMediaTypeError(KUBE_PROTOBUF_MEDIA_TYPE, ['application/json', 'application/yaml']);
    return { apiVersion, kind, ...decodeMessage(Buffer.isBuffer(raw) ? raw : Buffer.alloc(0), schema) };
  } catch (error) {
    if (error instanceof ProtobufError) throw new BadRequestError(`the protobuf body is malformed: ${error.message}`);
    throw error;
  }
}

function decodeMessage(buffer: Buffer, schema: MessageSchema): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const field of readFields(buffer)) {
    const spec = schema[field.number];
    if (!spec) continue;
    const value = decodeValue(field.value, spec.type);
    if (spec.type === 'map' || spec.type === 'bytesMap') Object.assign((object[spec.name] ??= {}) as object, value);
    else if (spec.repeated) ((object[spec.name] ??= []) as unknown[]).push(value);
    else if (!isEmpty(value)) object[spec.name] = value;
  }
  return object;
}

function decodeValue(value: number | Buffer, type: MessageSchema[number]['type']): unknown {
  if (type === 'int') return typeof value === 'number' ? value : 0;
  if (type === 'bool') return value === 1;
  if (!Buffer.isBuffer(value)) throw new ProtobufError('expected a length-delimited field');
  if (type === 'string') return value.toString('utf8');
  if (type === 'map') {
    const entry = decodeMessage(value, { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: 'string' } });
    return { [String(entry.key ?? '')]: String(entry.value ?? '') };
  }
  if (type === 'bytesMap') {
    const entry = decodeMessage(value, { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: 'bytes' } });
    return { [String(entry.key ?? '')]: entry.value ?? '' };
  }
  if (type === 'bytes') return value.toString('base64');
  return decodeMessage(value, type);
}

function isEmpty(value: unknown): boolean {
  return value === '' || value === 0 || value === false || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}
