"""Drives the operator with the official Python client's dynamic client (Debian's python3-kubernetes).

Usage: dynamic_client.py <kubeconfig> <namespace> <discovery-cache-file>
Prints one JSON document describing what the client saw; python3-kubernetes is the authority on
how requests are made, the test asserts the results.
"""
import json
import sys

from kubernetes import config, dynamic
from kubernetes.dynamic.exceptions import ConflictError, NotFoundError


def application(name, replicas, labels=None):
    return {
        'apiVersion': 'cloudnative.elide.dev/v1',
        'kind': 'Application',
        'metadata': {'name': name, 'labels': labels or {}},
        'spec': {'image': 'nginx:1.25', 'replicas': replicas},
    }


def main(kubeconfig, namespace, cache_file):
    client = dynamic.DynamicClient(config.new_client_from_config(config_file=kubeconfig), cache_file=cache_file)
    apps = client.resources.get(api_version='cloudnative.elide.dev/v1', kind='Application')
    out = {'resource': {'name': apps.name, 'kind': apps.kind, 'namespaced': apps.namespaced, 'short_names': apps.short_names,
                        'subresources': sorted(apps.subresources.keys())}}

    created = apps.create(body=application('py-one', 2, {'lang': 'python'}), namespace=namespace)
    out['created'] = {'name': created.metadata.name, 'namespace': created.metadata.namespace, 'generation': created.metadata.generation}
    apps.create(body=application('py-two', 3), namespace=namespace)
    try:
        apps.create(body=application('py-one', 2), namespace=namespace)
        out['duplicate'] = 'accepted'
    except ConflictError as error:
        out['duplicate'] = {'status': error.status, 'reason': json.loads(error.body)['reason']}

    listed = apps.get(namespace=namespace)
    out['list'] = {'kind': listed.kind, 'names': [item.metadata.name for item in listed.items],
                   'resourceVersion': listed.metadata.resourceVersion}
    out['selected'] = [item.metadata.name for item in apps.get(namespace=namespace, label_selector='lang=python').items]
    out['single'] = apps.get(name='py-two', namespace=namespace).spec.replicas

    patched = apps.patch(name='py-two', namespace=namespace, body={'spec': {'replicas': 5}}, content_type='application/merge-patch+json')
    out['patched'] = patched.spec.replicas
    scale = client.resources.get(api_version='cloudnative.elide.dev/v1', kind='Application').subresources['scale']
    out['scale'] = scale.get(name='py-two', namespace=namespace).spec.replicas

    # Replay from the list's resourceVersion; the server ends the watch after timeoutSeconds.
    events = apps.watch(namespace=namespace, resource_version=listed.metadata.resourceVersion, timeout=1)
    out['watched'] = [(event['type'], event['object'].metadata.name) for event in events]

    # Server-side apply; this client sends the body as given, so it must already be serialized.
    applied = application('py-ssa', 2)
    apps.server_side_apply(name='py-ssa', body=json.dumps(applied), namespace=namespace, field_manager='py-a')
    applied['spec']['replicas'] = 4
    try:
        apps.server_side_apply(name='py-ssa', body=json.dumps(applied), namespace=namespace, field_manager='py-b')
        out['apply_conflict'] = 'accepted'
    except ConflictError as error:
        out['apply_conflict'] = json.loads(error.body)['message']
    forced = apps.server_side_apply(name='py-ssa', body=json.dumps(applied), namespace=namespace, field_manager='py-b', force_conflicts=True)
    out['apply_forced'] = {'replicas': forced.spec.replicas, 'managers': sorted(entry.manager for entry in forced.metadata.managedFields)}

    apps.delete(name='py-one', namespace=namespace)
    try:
        apps.get(name='py-one', namespace=namespace)
        out['after_delete'] = 'found'
    except NotFoundError as error:
        out['after_delete'] = error.status
    print(json.dumps(out))


if __name__ == '__main__':
    main(*sys.argv[1:4])
