import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_POLICY, DEFAULT_POLICY_YAML } from './default-policy.js';
import { effectivePolicy, parsePolicy } from './policy-parser.js';

const EXAMPLE = `
allowedRegistries: [docker.io, ghcr.io/acme]
blockedImages:
  - "*:latest"
  - docker.io/library/nginx:1.19*
maxReplicas: 50
requireTag: false
warnLatestTag: true
namespaces:
  production:
    requireTag: true
    maxReplicas: 20
    allowedRegistries: [ghcr.io/acme]
  sandbox: ~
`;

describe(parsePolicy.name, () => {
  it('parses a full policy with namespace overrides', () => {
    const result = parsePolicy(EXAMPLE);
    assert.ok(result.ok);
    assert.deepEqual(result.document, {
      allowedRegistries: ['docker.io', 'ghcr.io/acme'],
      blockedImages: ['*:latest', 'docker.io/library/nginx:1.19*'],
      maxReplicas: 50,
      requireTag: false,
      warnLatestTag: true,
      namespaces: { production: { requireTag: true, maxReplicas: 20, allowedRegistries: ['ghcr.io/acme'] }, sandbox: {} },
    });
    assert.deepEqual(effectivePolicy(result.document, 'production'), {
      allowedRegistries: ['ghcr.io/acme'], blockedImages: ['*:latest', 'docker.io/library/nginx:1.19*'], maxReplicas: 20, requireTag: true, warnLatestTag: true,
    });
    assert.equal(effectivePolicy(result.document, 'sandbox').maxReplicas, 50);
    assert.equal(effectivePolicy(result.document, undefined).requireTag, false);
  });

  it('fills unset keys from the built-in defaults, which the documented YAML matches', () => {
    assert.deepEqual(parsePolicy('maxReplicas: 7'), { ok: true, document: { ...DEFAULT_POLICY, maxReplicas: 7 } });
    assert.deepEqual(parsePolicy('{}'), { ok: true, document: DEFAULT_POLICY });
    assert.deepEqual(parsePolicy(DEFAULT_POLICY_YAML), { ok: true, document: DEFAULT_POLICY });
  });

  it('reports every type, range and unknown-key problem with its path', () => {
    const result = parsePolicy(`
maxReplicas: -1
requireTag: "yes"
blockedImages: "*:latest"
allowedRegistries: [ok.io, "", 3]
colour: blue
namespaces:
  Bad_Name: {}
  prod:
    maxReplicas: 1.5
    namespaces: {}
  dev: [1]
`);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [
      'maxReplicas: must be an integer between 0 and 2147483647',
      'requireTag: must be true or false',
      'blockedImages: must be a list of strings',
      'allowedRegistries[1]: must be a non-empty string without spaces',
      'allowedRegistries[2]: must be a non-empty string without spaces',
      'colour: unknown key (known: allowedRegistries, blockedImages, maxReplicas, requireTag, warnLatestTag, namespaces)',
      'namespaces.Bad_Name: not a valid namespace name (DNS-1123 label)',
      'namespaces.prod.maxReplicas: must be an integer between 0 and 2147483647',
      'namespaces.prod.namespaces: unknown key (known: allowedRegistries, blockedImages, maxReplicas, requireTag, warnLatestTag)',
      'namespaces.dev: must be a mapping of policy keys',
    ]);
  });

  it('refuses YAML syntax errors, duplicate keys, empty files and non-mappings', () => {
    for (const text of ['maxReplicas: [', 'maxReplicas: 1\nmaxReplicas: 2', '', '   \n# only a comment\n', '- a\n- b', '42']) {
      const result = parsePolicy(text);
      assert.equal(result.ok, false, text);
      assert.ok(!result.ok && result.errors.length > 0);
    }
    assert.match(String(!parsePolicy('').ok && (parsePolicy('') as { errors: string[] }).errors[0]), /empty/);
  });
});
