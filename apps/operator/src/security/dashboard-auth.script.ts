/**
 * A classic script for the dashboard page (`<script src="/security/dashboard-auth.js">` before
 * its modules). When the API answers 401 it asks for a bearer token, keeps it in
 * sessionStorage only (gone when the tab closes) and reloads; every same-origin `fetch` then
 * carries `Authorization: Bearer <token>`, and `EventSource` is replaced by a fetch-based
 * implementation that sends the header too (a native EventSource cannot), so no token ever
 * travels in a URL. A "Forget token" button clears it. Without authentication it does nothing
 * visible.
 */
export const DASHBOARD_AUTH_SCRIPT = String.raw`(() => {
  'use strict';
  const KEY = 'application-operator.bearer-token';
  const nativeFetch = window.fetch.bind(window);
  const NativeEventSource = window.EventSource;
  const stored = () => sessionStorage.getItem(KEY) || '';
  const sameOrigin = (url) => new URL(url, location.href).origin === location.origin;
  let asked = false;

  window.fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!sameOrigin(url)) return nativeFetch(input, init);
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    const token = stored();
    if (token && !headers.has('Authorization')) headers.set('Authorization', 'Bearer ' + token);
    const response = await nativeFetch(input, { ...init, headers });
    if (response.status === 401) askForToken(token ? 'The stored token was not accepted.' : 'This operator requires a bearer token.');
    return response;
  };

  function whenBody(run) {
    if (document.body) run();
    else document.addEventListener('DOMContentLoaded', run, { once: true });
  }

  function askForToken(message) {
    if (asked) return;
    asked = true;
    whenBody(() => {
      const dialog = document.createElement('dialog');
      dialog.setAttribute('data-testid', 'token-dialog');
      const form = document.createElement('form');
      form.method = 'dialog';
      const text = document.createElement('p');
      text.textContent = message + ' Paste a token (it is kept for this browser tab only).';
      const input = document.createElement('input');
      input.type = 'password';
      input.name = 'token';
      input.autocomplete = 'off';
      input.required = true;
      input.setAttribute('aria-label', 'Bearer token');
      input.setAttribute('data-testid', 'token-input');
      const button = document.createElement('button');
      button.type = 'submit';
      button.textContent = 'Use token';
      form.append(text, input, button);
      dialog.append(form);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) return;
        sessionStorage.setItem(KEY, value);
        location.reload();
      });
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  function forgetButton() {
    whenBody(() => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Forget token';
      button.setAttribute('data-testid', 'forget-token');
      Object.assign(button.style, { position: 'fixed', right: '1rem', bottom: '1rem', zIndex: '10' });
      button.addEventListener('click', () => {
        sessionStorage.removeItem(KEY);
        location.reload();
      });
      document.body.append(button);
    });
  }

  class TokenEventSource extends EventTarget {
    constructor(url, options = {}) {
      super();
      this.url = new URL(url, location.href).href;
      this.withCredentials = Boolean(options.withCredentials);
      this.readyState = TokenEventSource.CONNECTING;
      this.onopen = null;
      this.onmessage = null;
      this.onerror = null;
      this.lastEventId = '';
      this.retry = 2000;
      this.controller = undefined;
      this.connect();
    }

    close() {
      this.readyState = TokenEventSource.CLOSED;
      this.controller?.abort();
    }

    dispatch(event) {
      this.dispatchEvent(event);
      const handler = this['on' + event.type];
      if (typeof handler === 'function') handler.call(this, event);
    }

    async connect() {
      this.controller = new AbortController();
      const headers = { Accept: 'text/event-stream' };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      let response;
      try {
        response = await window.fetch(this.url, { headers, cache: 'no-store', signal: this.controller.signal });
      } catch {
        return this.reconnect();
      }
      if (this.readyState === TokenEventSource.CLOSED) return;
      if (!response.ok || !(response.headers.get('content-type') || '').startsWith('text/event-stream')) {
        this.readyState = TokenEventSource.CLOSED;
        return this.dispatch(new Event('error'));
      }
      this.readyState = TokenEventSource.OPEN;
      this.dispatch(new Event('open'));
      try {
        await this.read(response.body.getReader());
      } catch {
        /* the connection dropped: reconnect below */
      }
      this.reconnect();
    }

    reconnect() {
      if (this.readyState === TokenEventSource.CLOSED) return;
      this.readyState = TokenEventSource.CONNECTING;
      this.dispatch(new Event('error'));
      setTimeout(() => this.readyState !== TokenEventSource.CLOSED && this.connect(), this.retry);
    }

    async read(reader) {
      const decoder = new TextDecoder();
      let buffer = '';
      let message = { type: '', data: [] };
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.readyState === TokenEventSource.CLOSED) return;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop();
        for (const line of lines) message = this.line(line, message);
      }
    }

    line(line, message) {
      if (line === '') {
        if (message.data.length > 0) {
          this.dispatch(new MessageEvent(message.type || 'message', { data: message.data.join('\n'), lastEventId: this.lastEventId, origin: location.origin }));
        }
        return { type: '', data: [] };
      }
      if (line.startsWith(':')) return message;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.type = value;
      else if (field === 'data') message.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
      return message;
    }
  }
  TokenEventSource.CONNECTING = 0;
  TokenEventSource.OPEN = 1;
  TokenEventSource.CLOSED = 2;

  if (stored()) {
    window.EventSource = TokenEventSource;
    forgetButton();
  } else {
    window.EventSource = NativeEventSource;
  }
})();
`;
