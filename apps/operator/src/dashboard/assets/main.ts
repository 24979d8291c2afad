import { AppsView } from './apps-view.js';
import { DetailsView } from './details-view.js';
import { byId } from './dom.js';
import { age } from './format.js';
import { EventsView } from './events-view.js';
import { ConnectionState, LiveStream } from './live-stream.js';
import { feedEventFromObject, feedEventFromSummary } from './model.js';
import { AppState, EventState } from './state.js';
import { StatusView } from './status-view.js';

/** Entry point of /dashboard: wires the state, the views, the live stream and the pollers. */
const apps = new AppState();
const events = new EventState();
let connection: ConnectionState = 'connecting';

const details = new DetailsView(apps, events);
new AppsView(apps, (key) => void details.open(key)).render();
new EventsView(events).render();
const status = new StatusView(() => connection === 'live');

const LABELS: Record<ConnectionState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Disconnected' };

function showConnection(state: ConnectionState): void {
  const wasLive = connection === 'live';
  connection = state;
  const badge = byId('connection');
  badge.dataset.state = state;
  badge.textContent = LABELS[state];
  if (state === 'live' && !wasLive) void status.discover();
}

const stream = new LiveStream({
  reset(items, summaries) {
    apps.reset(items);
    events.reset(summaries.map(feedEventFromSummary));
  },
  change(message) {
    if (message.kind === 'Event') events.apply(message.type, feedEventFromObject(message.object));
    else if (message.kind === 'Application') apps.apply(message.type, message.object);
  },
  state: showConnection,
});

/** Ages tick every second everywhere (`data-since` holds the RFC 3339 start). */
window.setInterval(() => {
  const now = Date.now();
  document.querySelectorAll<HTMLElement>('[data-since]').forEach((node) => {
    node.textContent = age(node.dataset.since, now);
  });
}, 1_000);

void stream.start();
