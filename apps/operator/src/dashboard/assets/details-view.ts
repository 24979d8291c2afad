import { getJson } from './api.js';
import { byId, el, replaceChildren } from './dom.js';
import { age, conditionHealth, objectYaml } from './format.js';
import { FeedEvent, feedEventFromSummary } from './model.js';
import { AppState, EventState, newestFirst } from './state.js';
import { eventItem } from './events-view.js';

/**
 * The details dialog of one Application: its YAML, conditions and events. Live while open:
 * the object re-renders on every change, and streamed events about it join the fetched ones.
 */
export class DetailsView {
  private readonly dialog = byId<HTMLDialogElement>('details');
  private key?: string;
  private fetched: FeedEvent[] = [];

  constructor(private readonly apps: AppState, private readonly events: EventState) {
    apps.onChange(() => this.render());
    events.onChange(() => this.render());
    byId('details-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => (this.key = undefined));
  }

  async open(key: string): Promise<void> {
    this.key = key;
    this.fetched = [];
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    const [namespace, name] = key.split('/');
    const query = new URLSearchParams({ namespace, name, kind: 'Application', limit: '100' });
    const answer = await getJson<{ items?: Record<string, unknown>[] }>(`/events?${query.toString()}`);
    if (this.key !== key) return;
    this.fetched = (answer?.items ?? []).map(feedEventFromSummary);
    this.render();
  }

  private render(): void {
    if (!this.key) return;
    const [namespace, name] = this.key.split('/');
    const app = this.apps.get(this.key);
    byId('details-title').textContent = `${namespace}/${name}`;
    byId('details-state').textContent = app ? `resourceVersion ${app.metadata.resourceVersion ?? '?'}` : 'deleted';
    byId('details-yaml').textContent = app ? objectYaml(app) : '';
    this.renderConditions(app?.status?.conditions ?? []);
    const events = this.eventsOf(namespace, name);
    replaceChildren(byId('details-events'), ...events.map(eventItem));
    byId('details-events-empty').hidden = events.length > 0;
  }

  private renderConditions(conditions: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }>): void {
    const rows = conditions.map((condition) =>
      el('tr', { class: `cond-${conditionHealth(condition)}` },
        el('td', {}, condition.type),
        el('td', {}, condition.status),
        el('td', {}, condition.reason ?? ''),
        el('td', {}, condition.message ?? ''),
        el('td', { class: 'age', 'data-since': condition.lastTransitionTime, title: condition.lastTransitionTime }, age(condition.lastTransitionTime, Date.now()))));
    replaceChildren(byId('details-conditions'), ...rows);
    byId('details-conditions-empty').hidden = rows.length > 0;
  }

  private eventsOf(namespace: string, name: string): FeedEvent[] {
    const about = (event: FeedEvent) => event.involved.name === name && (event.involved.namespace ?? event.namespace) === namespace;
    const merged = new Map<string, FeedEvent>();
    for (const event of [...this.fetched, ...this.events.list().filter(about)]) {
      const held = merged.get(event.key);
      if (!held || held.resourceVersion <= event.resourceVersion) merged.set(event.key, event);
    }
    return [...merged.values()].sort(newestFirst);
  }
}
