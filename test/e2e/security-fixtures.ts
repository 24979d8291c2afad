import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { kubeconfigYaml } from '@app/security';
import { Http } from '../support/http.js';
import { Kubectl } from '../support/kubectl.js';

/** Users of the security end-to-end tests: token → who, and what RBAC_POLICY grants them. */
export const USERS = {
  /** system:masters: everything. */
  admin: { token: 'admin-token-7c1f9e', line: 'admin-token-7c1f9e,admin,uid-admin,"system:masters"' },
  /** `edit` in team-a only (RoleBinding). */
  alice: { token: 'alice-token-51ab22', line: 'alice-token-51ab22,alice,uid-alice,"team-a-devs"' },
  /** `view` everywhere (ClusterRoleBinding). */
  bob: { token: 'bob-token-90de13', line: 'bob-token-90de13,bob,uid-bob' },
  /** get/patch the `web` Application in team-a and its scale subresource only (resourceNames). */
  carol: { token: 'carol-token-3f3f00', line: 'carol-token-3f3f00,carol,uid-carol' },
  /** The system:monitoring group: /metrics. */
  prometheus: { token: 'prom-token-aa0912', line: 'prom-token-aa0912,prometheus,uid-prom,"system:monitoring"' },
  /** Authenticated, no bindings. */
  dave: { token: 'dave-token-c0ffee', line: 'dave-token-c0ffee,dave,uid-dave' },
} as const;
export type UserName = keyof typeof USERS;

export const RBAC_POLICY = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-a-devs-edit, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: team-a-devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: bob-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: bob}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: web-only, namespace: team-a}
rules:
- apiGroups: [cloudnative.elide.dev]
  resources: [applications, applications/scale]
  resourceNames: [web]
  verbs: [get, patch, update, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: carol-web, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web-only}
subjects: [{kind: User, name: carol}]
`;

/** Writes the token file and the RBAC file into `dir`; returns the environment that uses them. */
export function securityEnv(dir: string): Record<string, string> {
  const tokens = join(dir, 'tokens.csv');
  const rbac = join(dir, 'rbac.yaml');
  writeFileSync(tokens, `${Object.values(USERS).map((u) => u.line).join('\n')}\n`, { mode: 0o600 });
  writeFileSync(rbac, RBAC_POLICY);
  return { TOKEN_AUTH_FILE: tokens, RBAC_FILE: rbac };
}

/** An HTTP client sending `user`'s bearer token. */
export function as(url: string, user: UserName): Http {
  return new Http(url, { authorization: `Bearer ${USERS[user].token}` });
}

/** kubectl as `user` against the HTTPS port (kubectl sends tokens only over HTTPS), trusting `ca`. */
export function kubectlAs(dir: string, server: string, ca: string, user: UserName): Kubectl {
  const path = join(dir, `${user}.kubeconfig`);
  writeFileSync(path, kubeconfigYaml({ server, certificateAuthority: ca, user, token: USERS[user].token }), { mode: 0o600 });
  return new Kubectl(path, join(dir, user));
}

/** Polls `check` until it returns true (RBAC changes reach the authorizer through the change feed). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A streaming response (watch or SSE) read incrementally; `close()` destroys its connection. */
export interface OpenStream {
  status: number;
  /** Everything received so far. */
  received(): string;
  /** Resolves once the text received so far matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The whole body, once the response has ended. */
  text(): Promise<string>;
  close(): void;
}

/**
 * GETs `path` as `user` on a connection of its own (no keep-alive pool), so closing the stream
 * really closes the connection and the server's shutdown never waits for it.
 */
export function openStream(baseUrl: string, path: string, user: UserName): Promise<OpenStream> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent: false, headers: { authorization: `Bearer ${USERS[user].token}` } }, (res) => {
      let text = '';
      let ended = false;
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        waiters.forEach((wake) => wake());
      });
      let markEnded!: () => void;
      const whole = new Promise<void>((done) => (markEnded = done));
      const end = () => {
        ended = true;
        markEnded();
        waiters.forEach((wake) => wake());
      };
      res.on('end', end);
      res.on('close', end);
      const waitFor = (pattern: RegExp, timeoutMs = 5000) =>
        new Promise<string>((done, fail) => {
          const timer = setTimeout(() => finish(new Error(`stream did not match ${pattern} in ${timeoutMs} ms; got:\n${text}`)), timeoutMs);
          const finish = (error?: Error) => {
            clearTimeout(timer);
            waiters.delete(check);
            if (error) fail(error);
            else done(text);
          };
          const check = () => {
            if (pattern.test(text)) finish();
            else if (ended) finish(new Error(`stream ended before matching ${pattern}; got:\n${text}`));
          };
          waiters.add(check);
          check();
        });
      resolve({ status: res.statusCode!, received: () => text, waitFor, text: () => whole.then(() => text), close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
