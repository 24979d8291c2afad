import { StatusCause, StatusError } from '@app/api-machinery';
import { PathElement } from './field-set.js';
import { formatPath } from './fields-v1.js';
import { ManagerFields } from './managed-fields.js';

/** One field a server-side apply would take from another manager. */
export interface FieldConflict {
  manager: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>;
  path: PathElement[];
}

/**
 * 409 Conflict for a server-side apply that would change fields other managers own, shaped as
 * kube-apiserver's NewApplyConflict: one `FieldManagerConflict` cause per field.
 */
export class ApplyConflictError extends StatusError {
  constructor(readonly conflicts: FieldConflict[]) {
    super(409, 'Conflict', conflictMessage(conflicts), {
      causes: conflicts.map((conflict): StatusCause => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${describeManager(conflict.manager)}`,
        field: formatPath(conflict.path),
      })),
    });
  }
}

/** `"kubectl"`, `"kubectl" with subresource "scale" using cloudnative.elide.dev/v1` (kube's printManager). */
export function describeManager(manager: FieldConflict['manager']): string {
  let text = JSON.stringify(manager.manager);
  if (manager.subresource) text += ` with subresource ${JSON.stringify(manager.subresource)}`;
  return manager.operation === 'Update' ? `${text} using ${manager.apiVersion}` : text;
}

function conflictMessage(conflicts: FieldConflict[]): string {
  if (conflicts.length === 1) {
    const [only] = conflicts;
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${formatPath(only.path)}`;
  }
  const byManager = new Map<string, FieldConflict[]>();
  for (const conflict of conflicts) {
    const key = describeManager(conflict.manager);
    byManager.set(key, [...(byManager.get(key) ?? []), conflict]);
  }
  const lines: string[] = [];
  for (const key of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${key}:`, ...byManager.get(key)!.map((conflict) => `- ${formatPath(conflict.path)}`));
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
