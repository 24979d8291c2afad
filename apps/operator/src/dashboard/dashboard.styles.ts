/** The dashboard's stylesheet (served as /dashboard/assets/dashboard.css); light and dark schemes. */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1b1f24; --muted: #5b6470; --border: #d9dde3;
  --accent: #2456c9; --row-hover: #eef3fc;
  --green: #1a7f37; --green-bg: #dcf5e3; --amber: #8a5a00; --amber-bg: #fff1cc;
  --red: #b42318; --red-bg: #fde2df; --blue: #1f5fbf; --blue-bg: #dde9fb; --grey: #555e69; --grey-bg: #eceef1;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --panel: #171b21; --text: #e6e9ee; --muted: #9aa4b1; --border: #2b323c;
    --accent: #7aa7ff; --row-hover: #1e2530;
    --green: #6fdc8c; --green-bg: #163523; --amber: #ffcf5c; --amber-bg: #3a2e0f;
    --red: #ff8a80; --red-bg: #3d1b18; --blue: #8cb4ff; --blue-bg: #17294a; --grey: #b5bdc8; --grey-bg: #262c35;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 0; }
h3 { font-size: 0.95rem; margin: 1rem 0 0.5rem; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.muted { color: var(--muted); }
[hidden] { display: none !important; }

.top { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.75rem 1.25rem; background: var(--panel); border-bottom: 1px solid var(--border); }
.connection { padding: 0.2rem 0.7rem; border-radius: 999px; font-weight: 600; font-size: 0.85rem; background: var(--grey-bg); color: var(--grey); }
.connection[data-state="live"] { background: var(--green-bg); color: var(--green); }
.connection[data-state="reconnecting"], .connection[data-state="connecting"] { background: var(--amber-bg); color: var(--amber); }
.connection[data-state="offline"] { background: var(--red-bg); color: var(--red); }

.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.75rem; padding: 1rem 1.25rem 0; }
.stat { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem 0.8rem; display: flex; flex-direction: column; min-width: 0; }
.stat-label { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; }
.stat-value { font-size: 1.15rem; font-weight: 600; overflow-wrap: anywhere; }
.stat-sub { color: var(--muted); font-size: 0.8rem; display: flex; flex-wrap: wrap; gap: 0.3rem; }

.layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr); gap: 1rem; padding: 1rem 1.25rem 1.5rem; align-items: start; }
@media (max-width: 960px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.panel { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.8rem; min-width: 0; }
.panel-head { display: flex; align-items: center; justify-content: space-between; gap: 0.75rem; margin-bottom: 0.6rem; flex-wrap: wrap; }
input, select { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.3rem 0.5rem; }
input:focus-visible, select:focus-visible, button:focus-visible, pre:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.filter input { min-width: 16rem; }
.empty { color: var(--muted); margin: 0.75rem 0.25rem; }

.table-scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 0.8rem; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: var(--row-hover); }
tr.terminating { opacity: 0.6; }
td.short { color: var(--amber); font-weight: 600; }
td.image code { overflow-wrap: anywhere; }
button.link { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-align: left; font-weight: 600; }
button.link:hover { text-decoration: underline; }

.phase { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.phase-running { background: var(--green-bg); color: var(--green); }
.phase-pending { background: var(--amber-bg); color: var(--amber); }
.phase-failed { background: var(--red-bg); color: var(--red); }
.phase-succeeded { background: var(--blue-bg); color: var(--blue); }
.phase-unknown { background: var(--grey-bg); color: var(--grey); }
.chips { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.chip { padding: 0 0.4rem; border-radius: 4px; font-size: 0.75rem; border: 1px solid transparent; white-space: nowrap; }
.chip-good { background: var(--green-bg); color: var(--green); }
.chip-bad { background: var(--red-bg); color: var(--red); }
.chip-unknown { background: var(--grey-bg); color: var(--grey); }
.chip-neutral { background: var(--blue-bg); color: var(--blue); }

.event-filters { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.5rem; }
.event-filters .grow { flex: 1 1 10rem; }
.event-filters .grow input { width: 100%; }
.event-list { list-style: none; margin: 0; padding: 0; max-height: 70vh; overflow-y: auto; }
.event { border-left: 4px solid var(--grey); padding: 0.35rem 0.6rem; margin-bottom: 0.4rem; background: var(--bg); border-radius: 0 6px 6px 0; }
.event-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.45rem; }
.event .severity { font-size: 0.72rem; font-weight: 700; text-transform: uppercase; padding: 0 0.35rem; border-radius: 4px; background: var(--grey-bg); color: var(--grey); }
.event .object { color: var(--muted); font-size: 0.85rem; }
.event .count { font-size: 0.8rem; color: var(--muted); }
.event time { margin-left: auto; color: var(--muted); font-size: 0.8rem; font-variant-numeric: tabular-nums; }
.event .message { margin: 0.15rem 0 0; overflow-wrap: anywhere; }
.sev-warning { border-left-color: var(--amber); }
.sev-warning .severity { background: var(--amber-bg); color: var(--amber); }
.sev-error { border-left-color: var(--red); }
.sev-error .severity { background: var(--red-bg); color: var(--red); }

dialog { width: min(60rem, 94vw); max-height: 90vh; padding: 0; border: 1px solid var(--border); border-radius: 10px; background: var(--panel); color: var(--text); }
dialog::backdrop { background: rgb(0 0 0 / 0.45); }
.dialog-head { display: flex; align-items: center; gap: 0.75rem; padding: 0.75rem 1rem; border-bottom: 1px solid var(--border); position: sticky; top: 0; background: var(--panel); }
.dialog-head h2 { overflow-wrap: anywhere; }
.dialog-head .close { margin-left: auto; font-size: 1.4rem; line-height: 1; background: none; border: 0; color: var(--muted); cursor: pointer; padding: 0.1rem 0.4rem; border-radius: 6px; }
.dialog-head .close:hover { background: var(--grey-bg); color: var(--text); }
.dialog-body { padding: 0 1rem 1rem; }
.conditions tr.cond-good td:first-child { color: var(--green); font-weight: 600; }
.conditions tr.cond-bad td:first-child { color: var(--red); font-weight: 600; }
.conditions tr.cond-neutral td:first-child { color: var(--blue); font-weight: 600; }
.yaml { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem; overflow: auto; max-height: 50vh; margin: 0; }
`;
