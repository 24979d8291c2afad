import { KubeObject } from '@app/api-machinery';

/**
 * Converts an object between two versions of one resource: the in-process equivalent of a CRD
 * conversion webhook. It receives a deep copy it may mutate and return, must set `apiVersion`
 * to the target, and must not throw for an object the source version's schema admits.
 */
export type ResourceConverter = (object: KubeObject, fromVersion: string, toVersion: string) => KubeObject;
