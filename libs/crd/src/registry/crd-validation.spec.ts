import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeCause } from '../schema/field-errors.js';
import { applyCrdDefaults } from './crd-defaults.js';
import { validateCrd } from './crd-validation.js';

function widgetCrd(): Record<string, any> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } } }],
    },
  };
}

const messages = (crd: unknown): string[] => validateCrd(crd).map(describeCause);

describe(validateCrd.name, () => {
  it('accepts a well-formed CRD', () => {
    assert.deepEqual(validateCrd(widgetCrd()), []);
  });

  it('requires metadata.name to be plural.group', () => {
    const crd = widgetCrd();
    crd.metadata.name = 'gadgets.example.com';
    assert.deepEqual(messages(crd), ['metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group']);
  });

  it('requires a group with a dot', () => {
    const crd = widgetCrd();
    crd.spec.group = 'example';
    crd.metadata.name = 'widgets.example';
    assert.deepEqual(messages(crd), ['spec.group: Invalid value: "example": should be a domain with at least one dot']);
  });

  it('requires DNS-1035 names with kube’s message', () => {
    const crd = widgetCrd();
    crd.spec.names.shortNames = ['Wd'];
    crd.spec.names.kind = 'Wid get';
    assert.deepEqual(messages(crd), [
      'spec.names.kind: Invalid value: "Wid get": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
      'spec.names.shortNames[0]: Invalid value: "Wd": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    ]);
  });

  it('requires exactly one storage version, one served version and unique names', () => {
    const crd = widgetCrd();
    const [version] = crd.spec.versions;
    crd.spec.versions = [{ ...version, served: false }, { ...version, served: false }];
    assert.deepEqual(messages(crd), [
      'spec.versions: Invalid value: ["v1","v1"]: must contain unique version names',
      'spec.versions: Invalid value: ["v1","v1"]: must have exactly one version marked as storage version',
      'spec.versions: Invalid value: ["v1","v1"]: must have at least one version marked as served',
    ]);
  });

  it('validates scope and conversion strategy', () => {
    const crd = widgetCrd();
    crd.spec.scope = 'Global';
    crd.spec.conversion = { strategy: 'Magic' };
    assert.deepEqual(messages(crd), [
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
      'spec.conversion.strategy: Unsupported value: "Magic": supported values: "None", "Webhook"',
    ]);
  });

  it('requires a structural schema with an object root', () => {
    const crd = widgetCrd();
    crd.spec.versions[0].schema.openAPIV3Schema = { type: 'string' };
    assert.deepEqual(messages(crd), ['spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root']);
    crd.spec.versions[0].schema.openAPIV3Schema = { type: 'object', properties: { spec: { properties: { a: { type: 'string' } } } } };
    assert.deepEqual(messages(crd), ['spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields']);
    delete crd.spec.versions[0].schema;
    assert.deepEqual(messages(crd), ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required']);
  });

  it('reports a schema ajv cannot compile', () => {
    const crd = widgetCrd();
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties = { a: { type: 'string', pattern: '(' } };
    const [cause] = validateCrd(crd);
    assert.equal(cause.field, 'spec.versions[0].schema');
    assert.match(cause.message ?? '', /^Invalid value: "": error building validator: /);
  });

  it('checks printer columns and scale paths', () => {
    const crd = widgetCrd();
    crd.spec.versions[0].additionalPrinterColumns = [{ name: 'X', type: 'color', jsonPath: 'spec.x' }];
    crd.spec.versions[0].subresources = { scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '.status.replicas' } };
    assert.deepEqual(messages(crd), [
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "color": must be one of boolean,date,integer,number,string',
      'spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "spec.x": must be a simple json path starting with .',
    ]);
  });

  it('requires singular and listKind unless defaulted from kind', () => {
    const crd = widgetCrd();
    delete crd.spec.names.singular;
    delete crd.spec.names.listKind;
    assert.deepEqual(messages(crd), ['spec.names.singular: Required value', 'spec.names.listKind: Required value']);
    applyCrdDefaults(crd);
    assert.deepEqual(validateCrd(crd), []);
    assert.deepEqual([crd.spec.names.singular, crd.spec.names.listKind, crd.spec.conversion], ['widget', 'WidgetList', { strategy: 'None' }]);
  });

  it('never throws on garbage', () => {
    for (const garbage of [null, 1, 'x', [], { spec: 1 }, { spec: { versions: 'x', names: [] } }, { metadata: [], spec: { versions: [null, 1, { schema: [] }] } }]) {
      assert.ok(validateCrd(garbage).length > 0);
    }
  });
});
