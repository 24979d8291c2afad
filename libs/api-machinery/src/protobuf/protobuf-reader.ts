/** One field of a protobuf message, as found on the wire. */
export interface WireField {
  number: number;
  /** Varint (wire type 0) as a number (k8s integers fit), or the bytes of a length-delimited field (wire type 2). */
  value: number | Buffer;
}

/** A malformed protobuf message. */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

/**
 * The fields of one protobuf message, in wire order. Supports the wire types Kubernetes objects
 * use (varint, 64-bit, length-delimited, 32-bit); 64/32-bit fields are skipped. Throws
 * ProtobufError on truncated or malformed input.
 */
export function readFields(buffer: Buffer): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    offset = afterKey;
    if (wireType === 0) {
      const [value, next] = readVarint(buffer, offset);
      fields.push({ number, value });
      offset = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buffer, offset);
      if (start + length > buffer.length) throw new ProtobufError(`field ${number} is truncated`);
      fields.push({ number, value: buffer.subarray(start, start + length) });
      offset = start + length;
    } else if (wireType === 1 || wireType === 5) {
      offset += wireType === 1 ? 8 : 4;
    } else {
      throw new ProtobufError(`unsupported wire type ${wireType} for field ${number}`);
    }
  }
  if (offset > buffer.length) throw new ProtobufError('message is truncated');
  return fields;
}

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let result = 0;
  let multiplier = 1;
  for (let index = offset; index < buffer.length && index < offset + 10; index++) {
    const byte = buffer[index];
    result += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return [result, index + 1];
  }
  throw new ProtobufError('malformed varint');
}
