import { Injectable } from '@nestjs/common';
import { buildTable, humanAge, includeObjectPolicy, KubeObject, ListMeta, negotiatedTableVersion, Table, TableCell } from '@app/api-machinery';
import { PrinterColumn } from '@app/crd';
import { RequestScope } from '@app/resources';
import type { ParsedRequest } from '../http/body.middleware.js';
import { param } from './kube-query.js';

/**
 * meta.k8s.io Table output (what `kubectl get` asks for) from a resource version's printer
 * columns. Built-ins with computed cells (events: `kind/name`; deployments: `ready/desired`)
 * print as kube's own printers do (events: their columns first and `Name` last with priority 1).
 */
@Injectable()
export class TableConverter {
  wanted(req: ParsedRequest): boolean {
    return negotiatedTableVersion(req.headers.accept) !== undefined;
  }

  forObjects(scope: RequestScope, objects: KubeObject[], listMeta: ListMeta, req: ParsedRequest): Table {
    const table = buildTable({
      objects,
      columns: scope.version.printerColumns,
      listMeta,
      includeObject: includeObjectPolicy(param(req.query, 'includeObject')),
      groupVersion: negotiatedTableVersion(req.headers.accept),
    });
    const cells = scope.version.cells;
    if (!cells) return table;
    // kube's event printer lists Name last (wide); every other printer lists it first.
    const nameLast = scope.definition.group === '' && scope.definition.plural === 'events';
    if (nameLast) {
      const [name, ...columns] = table.columnDefinitions ?? [];
      table.columnDefinitions = [...columns, { ...name, priority: 1 }];
    }
    table.rows.forEach((row, i) => {
      const values = cells(objects[i]).map((value, c) => formatCell(scope.version.printerColumns[c], value));
      const name = objects[i].metadata?.name ?? '';
      row.cells = nameLast ? [...values, name] : [name, ...values];
    });
    return table;
  }
}

function formatCell(column: PrinterColumn | undefined, value: unknown): TableCell {
  if (value === undefined || value === null || value === '') return column?.type === 'date' ? '<unknown>' : column?.type === 'string' ? '' : null;
  if (column?.type === 'date' && typeof value === 'string') return humanAge(new Date(value));
  return value as TableCell;
}
