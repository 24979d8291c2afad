import { byId, el, replaceChildren } from './dom.js';
import { age, conditionHealth, phaseClass } from './format.js';
import { AppObject } from './model.js';
import { AppState } from './state.js';

/** The live Applications table: one row per object, rebuilt only when its resourceVersion changes. */
export class AppsView {
  private readonly rows = new Map<string, { row: HTMLTableRowElement; resourceVersion?: string }>();
  private readonly body = byId<HTMLTableSectionElement>('app-rows');
  private readonly filter = byId<HTMLInputElement>('app-filter');

  constructor(private readonly state: AppState, private readonly select: (key: string) => void) {
    state.onChange(() => this.render());
    this.filter.addEventListener('input', () => this.render());
  }

  render(): void {
    const text = this.filter.value.trim().toLowerCase();
    const keys = [...this.state.items.keys()].sort();
    for (const [key, { row }] of this.rows) if (!this.state.items.has(key)) {
      row.remove();
      this.rows.delete(key);
    }
    for (const key of keys) {
      const app = this.state.items.get(key) as AppObject;
      const row = this.rowFor(key, app);
      row.hidden = text !== '' && !searchText(app).includes(text);
      this.body.appendChild(row);
    }
    byId('apps-empty').hidden = keys.length > 0;
    this.summarize();
  }

  private rowFor(key: string, app: AppObject): HTMLTableRowElement {
    const held = this.rows.get(key);
    if (held && held.resourceVersion === app.metadata.resourceVersion) return held.row;
    const row = held?.row ?? this.newRow(key, app);
    const phase = app.status?.phase ?? 'Unknown';
    row.dataset.phase = phase;
    row.dataset.resourceVersion = app.metadata.resourceVersion ?? '';
    row.classList.toggle('terminating', Boolean(app.metadata.deletionTimestamp));
    replaceChildren(row, ...cells(app, phase, () => this.select(key)));
    this.rows.set(key, { row, resourceVersion: app.metadata.resourceVersion });
    return row;
  }

  private newRow(key: string, app: AppObject): HTMLTableRowElement {
    const row = el('tr', { 'data-testid': `app-row-${app.metadata.namespace ?? ''}-${app.metadata.name ?? ''}`, 'data-key': key });
    row.addEventListener('click', (event) => {
      if (!(event.target instanceof HTMLButtonElement)) this.select(key);
    });
    return row;
  }

  private summarize(): void {
    const counts = new Map<string, number>();
    for (const app of this.state.items.values()) {
      const phase = app.status?.phase ?? 'Unknown';
      counts.set(phase, (counts.get(phase) ?? 0) + 1);
    }
    const parts = [...counts.entries()].sort().map(([phase, count]) => el('span', { class: `phase ${phaseClass(phase)}` }, `${count} ${phase}`));
    replaceChildren(byId('phase-summary'), ...(parts.length ? parts : ['none']));
    byId('app-count').textContent = String(this.state.items.size);
  }
}

function searchText(app: AppObject): string {
  return [app.metadata.namespace, app.metadata.name, app.spec?.image, app.status?.phase].join(' ').toLowerCase();
}

function cells(app: AppObject, phase: string, open: () => void): HTMLTableCellElement[] {
  const desired = app.spec?.replicas ?? 1;
  const ready = app.status?.readyReplicas ?? 0;
  const name = el('button', { type: 'button', class: 'link', 'aria-haspopup': 'dialog' }, app.metadata.name ?? '');
  name.addEventListener('click', open);
  const created = app.metadata.creationTimestamp;
  return [
    el('td', {}, app.metadata.namespace ?? ''),
    el('td', { class: 'name' }, name),
    el('td', {}, el('span', { class: `phase ${phaseClass(phase)}`, 'data-testid': 'app-phase' }, app.metadata.deletionTimestamp ? `${phase} (terminating)` : phase)),
    el('td', { class: `num ${ready < desired ? 'short' : ''}` }, `${ready}/${desired}`),
    el('td', {}, conditionChips(app)),
    el('td', { class: 'image' }, el('code', {}, String(app.spec?.image ?? ''))),
    el('td', { class: 'num age', 'data-since': created, title: created }, age(created, Date.now())),
  ];
}

/** One chip per condition: green when healthy (Degraded=False counts as healthy), red when not. */
export function conditionChips(app: AppObject): HTMLElement {
  const conditions = app.status?.conditions ?? [];
  if (conditions.length === 0) return el('span', { class: 'muted' }, '—');
  const chips = conditions.map((condition) =>
    el('span', { class: `chip chip-${conditionHealth(condition)}`, title: `${condition.type}=${condition.status}: ${condition.reason ?? ''} ${condition.message ?? ''}`.trim() },
      `${condition.type}${condition.status === 'True' ? '' : `=${condition.status}`}`),
  );
  return el('span', { class: 'chips' }, ...chips);
}
