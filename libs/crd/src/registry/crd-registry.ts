import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { qualifiedResource, StatusCause } from '@app/api-machinery';
import { Subject } from 'rxjs';
import { APPLICATION_CRD_NAME, applicationCrd } from '../application/application.crd.js';
import { applicationConverter } from '../application/application.conversion.js';
import { builtinDefinitions } from '../builtin/builtin-definitions.js';
import { CustomResourceDefinition } from '../definition/custom-resource-definition.js';
import { ResourceConverter } from '../definition/resource-converter.js';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { assertNamesFree, builtinConflict, prepareCrd } from './crd-admission.js';
import { applyCrdDefaults } from './crd-defaults.js';
import { establishedStatus } from './crd-status.js';
import { validateCrd } from './crd-validation.js';
import { definitionFromCrd } from './definition-from-crd.js';
import { apiGroups, ApiGroupVersions, findByAnyName, preferredVersion, ResolvedResource } from './registry-lookups.js';

/** A registry change, emitted after it took effect. */
export interface CrdRegistryChange {
  type: 'Registered' | 'Unregistered';
  /** `plural.group` (`events` for the core group). */
  name: string;
  definition: ResourceDefinition;
}

interface Entry {
  definition: ResourceDefinition;
  crd?: CustomResourceDefinition;
}

/**
 * Every resource definition the API serves: built-ins and those built from CRD objects. Holds
 * no store: callers register CRDs they read or admit. All operations are synchronous, so a
 * lookup never sees a half-applied change; `changes$` emits after each register/unregister.
 */
@Injectable()
export class CrdRegistry implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly converters = new Map<string, ResourceConverter>([[APPLICATION_CRD_NAME, applicationConverter]]);
  private readonly changes = new Subject<CrdRegistryChange>();
  readonly changes$ = this.changes.asObservable();

  /** Registers the built-ins and the Application CRD. Idempotent. */
  registerDefaults(): void {
    for (const definition of builtinDefinitions()) this.registerBuiltin(definition);
    this.register(applicationCrd);
  }

  /** Sets the in-process converter used for the CRD named `crdName` from its next registration. */
  registerConverter(crdName: string, converter: ResourceConverter): void {
    this.converters.set(crdName, converter);
  }

  /**
   * Builds and serves the definition of a CRD object (a copy is kept, v1 defaults applied,
   * status set to Established), replacing any previous one of that name. Throws InvalidError
   * (422) for an invalid CRD and ConflictError (409) when its names are taken in its group.
   */
  register(crd: unknown): ResourceDefinition {
    const copy = prepareCrd(crd, (crdName) => this.converters.has(crdName));
    const name = copy.metadata.name;
    if (this.entries.has(name) && !this.entries.get(name)?.crd) throw builtinConflict(name);
    assertNamesFree(copy, this.all().filter((definition) => this.nameOf(definition) !== name));
    const previous = this.entries.get(name)?.crd?.status as { conditions?: { lastTransitionTime?: string }[] } | undefined;
    const since = previous?.conditions?.[0]?.lastTransitionTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    copy.status = establishedStatus(copy, since);
    const definition = definitionFromCrd(copy, this.converters.get(name));
    this.entries.set(name, { definition, crd: copy });
    this.changes.next({ type: 'Registered', name, definition });
    return definition;
  }

  /**
   * The causes for which `register` would refuse `crd` as invalid (kube's CRD validation after
   * v1 defaulting, on a copy); empty when it would be accepted. Name conflicts are not included.
   */
  validateCrd(crd: unknown): StatusCause[] {
    let copy: unknown;
    try {
      copy = structuredClone(crd);
    } catch {
      return validateCrd(undefined);
    }
    applyCrdDefaults(copy);
    return validateCrd(copy);
  }

  /** Stops serving the CRD named `name`; false when no CRD of that name is registered. */
  unregister(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry?.crd) return false;
    this.entries.delete(name);
    this.changes.next({ type: 'Unregistered', name, definition: entry.definition });
    return true;
  }

  /** Serves a built-in definition, replacing any previous one of the same resource. */
  registerBuiltin(definition: ResourceDefinition): void {
    const name = this.nameOf(definition);
    this.entries.set(name, { definition });
    this.changes.next({ type: 'Registered', name, definition });
  }

  /** The definition of `group`/`plural` when it serves `version`, else undefined. */
  resolve(group: string, version: string, plural: string): ResourceDefinition | undefined {
    return this.resolveVersion(group, version, plural)?.definition;
  }

  /** Like `resolve`, with the served version itself. */
  resolveVersion(group: string, version: string, plural: string): ResolvedResource | undefined {
    const definition = this.byResource(group, plural);
    const served = definition?.versions.find((candidate) => candidate.name === version && candidate.served);
    return definition && served ? { definition, version: served } : undefined;
  }

  /**
   * Like kubectl's resource argument: `name` may be a plural, singular, short name or kind
   * (case-insensitive), or `plural.group`; `group` narrows the search; without `version` the
   * preferred served version is chosen. Core and built-ins win over CRDs on ambiguity.
   */
  resolveByAnyName(name: string, group?: string, version?: string): ResolvedResource | undefined {
    const definition = findByAnyName(this.all(), name, group);
    if (!definition) return undefined;
    const chosen = version ?? preferredVersion(definition);
    return chosen === undefined ? undefined : this.resolveVersion(definition.group, chosen, definition.plural);
  }

  /** The definition of `group`/`plural` whatever its versions' served flags. */
  byResource(group: string, plural: string): ResourceDefinition | undefined {
    return this.entries.get(qualifiedResource({ group, resource: plural }))?.definition;
  }

  /** The definition whose kind (or listKind) is `kind` in `group`. */
  byKind(group: string, kind: string): ResourceDefinition | undefined {
    return this.all().find((definition) => definition.group === group && (definition.kind === kind || definition.listKind === kind));
  }

  /** Every definition, built-ins first, in registration order. */
  all(): ResourceDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }

  /** Discovery: each group with served versions, highest priority first (the preferred one). */
  groups(): ApiGroupVersions[] {
    return apiGroups(this.all());
  }

  /** The registered CRD objects (copies), with their status. */
  crds(): CustomResourceDefinition[] {
    return [...this.entries.values()].flatMap((entry) => (entry.crd ? [structuredClone(entry.crd)] : []));
  }

  private nameOf(definition: ResourceDefinition): string {
    return qualifiedResource({ group: definition.group, resource: definition.plural });
  }

  onModuleDestroy(): void {
    this.changes.complete();
  }
}
