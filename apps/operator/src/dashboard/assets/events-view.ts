import { byId, el, replaceChildren } from './dom.js';
import { age, severityClass } from './format.js';
import { FeedEvent } from './model.js';
import { EventState } from './state.js';

/** Renders one event as a list item (shared by the feed and the details dialog). */
export function eventItem(event: FeedEvent): HTMLLIElement {
  const involved = event.involved.name ? `${event.involved.kind ?? ''}/${event.involved.name}` : '';
  return el('li', {
    class: `event ${severityClass(event.severity)}`,
    'data-testid': 'event-item',
    'data-type': event.type,
    'data-severity': event.severity,
    'data-reason': event.reason,
  },
  el('div', { class: 'event-head' },
    el('span', { class: 'severity' }, event.severity),
    el('strong', { class: 'reason' }, event.reason),
    el('span', { class: 'object' }, event.involved.namespace ? `${event.involved.namespace} · ${involved}` : involved),
    event.count > 1 ? el('span', { class: 'count', title: 'occurrences' }, `×${event.count}`) : null,
    el('time', { class: 'age', 'data-since': event.time ?? undefined, datetime: event.time ?? undefined, title: event.time ?? undefined }, age(event.time, Date.now())),
  ),
  el('p', { class: 'message' }, event.message));
}

/** The events feed with its type, namespace and text filters. */
export class EventsView {
  private readonly list = byId<HTMLOListElement>('event-list');
  private readonly type = byId<HTMLSelectElement>('event-type');
  private readonly namespace = byId<HTMLSelectElement>('event-namespace');
  private readonly text = byId<HTMLInputElement>('event-text');

  constructor(private readonly state: EventState) {
    state.onChange(() => this.render());
    for (const control of [this.type, this.namespace, this.text]) control.addEventListener('input', () => this.render());
  }

  render(): void {
    const events = this.state.list();
    this.namespaces(events);
    const type = this.type.value;
    const namespace = this.namespace.value;
    const text = this.text.value.trim().toLowerCase();
    const shown = events.filter((event) =>
      (type === '' || event.type === type || event.severity === type)
      && (namespace === '' || event.namespace === namespace)
      && (text === '' || `${event.reason} ${event.message} ${event.involved.name ?? ''}`.toLowerCase().includes(text)));
    replaceChildren(this.list, ...shown.map(eventItem));
    byId('events-empty').hidden = shown.length > 0;
    byId('events-empty').textContent = events.length > 0 ? 'No events match the filters.' : 'No events yet.';
  }

  private namespaces(events: FeedEvent[]): void {
    const current = this.namespace.value;
    const names = [...new Set(events.map((event) => event.namespace).concat(current ? [current] : []))].sort();
    const existing = Array.from(this.namespace.options).slice(1).map((option) => option.value);
    if (existing.join('\n') === names.join('\n')) return;
    replaceChildren(this.namespace, el('option', { value: '' }, 'All namespaces'), ...names.map((name) => el('option', { value: name }, name)));
    this.namespace.value = current;
  }
}
