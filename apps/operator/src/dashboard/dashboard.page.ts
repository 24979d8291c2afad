/**
 * The dashboard's HTML skeleton. Kept as a TypeScript string so `tsc` emits it into dist/ with
 * the rest of the app (no copy step): the page works from `dist/` and from a Docker image that
 * ships only dist/ and node_modules. The browser modules under ./assets are compiled by tsc too.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Application Operator</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/dashboard/assets/dashboard.css">
  <script src="/security/dashboard-auth.js"></script>
  <script type="module" src="/dashboard/assets/main.js"></script>
</head>
<body>
  <header class="top">
    <h1>Application Operator</h1>
    <span id="connection" class="connection" data-testid="connection-badge" data-state="connecting" role="status" aria-live="polite">Connecting…</span>
  </header>

  <section class="stats" aria-label="Controller status">
    <div class="stat" id="leader-badge" data-testid="leader-badge" data-leader="">
      <span class="stat-label">Leader</span>
      <span class="stat-value" id="leader-identity">n/a</span>
      <span class="stat-sub" id="lease-age"></span>
    </div>
    <div class="stat">
      <span class="stat-label">This replica</span>
      <span class="stat-value" id="replica-identity">n/a</span>
    </div>
    <div class="stat">
      <span class="stat-label">Work queue depth</span>
      <span class="stat-value" id="queue-depth" data-testid="queue-depth">n/a</span>
    </div>
    <div class="stat">
      <span class="stat-label">Reconciles / min</span>
      <span class="stat-value" id="reconcile-rate" data-testid="reconcile-rate">n/a</span>
      <span class="stat-sub">last minute, from /metrics</span>
    </div>
    <div class="stat">
      <span class="stat-label">Applications</span>
      <span class="stat-value" id="app-count" data-testid="app-count">0</span>
      <span class="stat-sub" id="phase-summary"></span>
    </div>
  </section>

  <main class="layout">
    <section class="panel apps" aria-labelledby="apps-heading">
      <div class="panel-head">
        <h2 id="apps-heading">Applications</h2>
        <label class="filter">
          <span class="visually-hidden">Filter applications</span>
          <input id="app-filter" type="search" placeholder="Filter by namespace, name, image, phase" autocomplete="off">
        </label>
      </div>
      <div class="table-scroll">
        <table data-testid="app-table">
          <thead>
            <tr>
              <th scope="col">Namespace</th>
              <th scope="col">Name</th>
              <th scope="col">Phase</th>
              <th scope="col" class="num">Ready</th>
              <th scope="col">Conditions</th>
              <th scope="col">Image</th>
              <th scope="col" class="num">Age</th>
            </tr>
          </thead>
          <tbody id="app-rows"></tbody>
        </table>
      </div>
      <p class="empty" id="apps-empty">No Applications yet.</p>
    </section>

    <section class="panel events" aria-labelledby="events-heading">
      <div class="panel-head">
        <h2 id="events-heading">Events</h2>
      </div>
      <div class="event-filters">
        <label><span class="visually-hidden">Event type</span>
          <select id="event-type" data-testid="event-type-filter">
            <option value="">All types</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
            <option value="Error">Error</option>
            <option value="Critical">Critical</option>
          </select>
        </label>
        <label><span class="visually-hidden">Namespace</span>
          <select id="event-namespace" data-testid="event-namespace-filter"><option value="">All namespaces</option></select>
        </label>
        <label class="grow"><span class="visually-hidden">Search events</span>
          <input id="event-text" data-testid="event-text-filter" type="search" placeholder="Search reason, message, object" autocomplete="off">
        </label>
      </div>
      <ol id="event-list" class="event-list" data-testid="event-list"></ol>
      <p class="empty" id="events-empty">No events yet.</p>
    </section>
  </main>

  <dialog id="details" data-testid="details" aria-labelledby="details-title">
    <div class="dialog-head">
      <h2 id="details-title"></h2>
      <span id="details-state" class="muted"></span>
      <button type="button" id="details-close" class="close" aria-label="Close details">×</button>
    </div>
    <div class="dialog-body">
      <section aria-labelledby="conditions-heading">
        <h3 id="conditions-heading">Conditions</h3>
        <table class="conditions">
          <thead><tr><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Message</th><th scope="col" class="num">Since</th></tr></thead>
          <tbody id="details-conditions"></tbody>
        </table>
        <p class="empty" id="details-conditions-empty">No conditions reported yet.</p>
      </section>
      <section aria-labelledby="details-events-heading">
        <h3 id="details-events-heading">Events</h3>
        <ol id="details-events" class="event-list" data-testid="details-events"></ol>
        <p class="empty" id="details-events-empty">No events for this Application.</p>
      </section>
      <section aria-labelledby="yaml-heading">
        <h3 id="yaml-heading">YAML</h3>
        <pre id="details-yaml" class="yaml" data-testid="details-yaml" tabindex="0"></pre>
      </section>
    </div>
  </dialog>
</body>
</html>
`;
