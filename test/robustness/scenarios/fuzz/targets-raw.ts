import fc from 'fast-check';
import { APPLICATIONS, FuzzTarget } from './target.js';
import { anyString, oddString } from './values.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'G E T', '', 'GET GET', 'SEARCH', 'QUERY'];
const RAW_APPS = APPLICATIONS.replace('/namespaces/fuzz/', '/namespaces/fuzz-raw/');
const PATH_HEADS = [`${RAW_APPS}/`, `${RAW_APPS}`, '/api/v1/namespaces/', '/apis/', '/apis/cloudnative.elide.dev/', '/apis/cloudnative.elide.dev/v1/namespaces/fuzz-raw/', '/watch?resourceVersion=', '/watch?kind=', '/healthz/', '/openapi/v3/', '/dashboard/', '/events?since=', '/', '//', '/../../', '*', 'http://127.0.0.1/', ''];
const PATH_TAILS = ['%zz', '%', '%00', '%2e%2e/%2e%2e', '..', '.', '?', '??', '#x', 'a b', '\u00ff', '\u20ac', 'a'.repeat(20_000), ';x=y', '/applications/x/status/extra/deep', 'x?watch=true&timeoutSeconds=1', 'x/scale?dryRun=All'];

/** Raw HTTP/1.1 requests written byte for byte: odd methods, unencoded and malformed paths, bad framing. */
export const rawRequests: FuzzTarget = {
  name: 'raw HTTP (bad paths, methods, framing)',
  arbitrary: fc.record({
    method: fc.constantFrom(...METHODS),
    head: fc.constantFrom(...PATH_HEADS),
    tail: fc.oneof(fc.constantFrom(...PATH_TAILS), oddString, anyString),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', ''),
    headers: fc.array(fc.constantFrom('Content-Type: application/json', 'Content-Type: application/apply-patch+yaml', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: abc', 'Content-Length: 99999999999', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip', 'Accept: application/json;as=Table;v=v1;g=meta.k8s.io', 'Expect: 100-continue', 'Authorization: Bearer x', 'Host:', 'X-Long: ' + 'x'.repeat(20_000), 'Bad Header', ': empty', 'Content-Encoding: gzip', 'Last-Event-ID: 99999999999999999999'), { maxLength: 3 }),
    body: fc.constantFrom('', '{}', '{"a"', '0\r\n\r\n', '5\r\n{"a":\r\n0\r\n\r\n', 'zz\r\n', '{"apiVersion":"cloudnative.elide.dev/v1","kind":"Application","metadata":{"name":"raw"},"spec":{"image":"x"}}'),
  }),
  build: (input) => {
    const path = input.head + input.tail;
    const head = [`${input.method} ${path} ${input.version}`.replace(/\r|\n/g, ''), 'Host: 127.0.0.1', 'Connection: close', ...input.headers];
    return { method: input.method, path, raw: Buffer.from(`${head.join('\r\n')}\r\n\r\n${input.body}`, 'utf8') };
  },
};
