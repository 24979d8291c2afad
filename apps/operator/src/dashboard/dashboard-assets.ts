import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { DASHBOARD_HTML } from './dashboard.page.js';
import { DASHBOARD_CSS } from './dashboard.styles.js';

/** An asset ready to send. */
export interface DashboardAsset {
  contentType: string;
  body: string;
}

/** The browser modules, compiled by tsc from ./assets/*.ts into the same folder of dist/. */
const MODULE_DIR = new URL('./assets/', import.meta.url);
/** Only plain module names (`main.js`, `live-stream.js`): no paths, no source maps, no specs. */
const MODULE_NAME = /^[a-z][a-z0-9-]*\.js$/;

/**
 * The dashboard's files. HTML and CSS are string modules; the scripts are read once from the
 * compiled assets folder beside this file and kept in memory. So the page is served from
 * wherever the compiled app runs (dist/ locally, the Docker image) with no copy step and no CDN.
 */
@Injectable()
export class DashboardAssets {
  private readonly modules = new Map<string, Promise<string | undefined>>();

  page(): DashboardAsset {
    return { contentType: 'text/html; charset=utf-8', body: DASHBOARD_HTML };
  }

  /** `dashboard.css` or a compiled module; undefined for anything else. */
  async asset(name: string): Promise<DashboardAsset | undefined> {
    if (name === 'dashboard.css') return { contentType: 'text/css; charset=utf-8', body: DASHBOARD_CSS };
    if (!MODULE_NAME.test(name)) return undefined;
    let module = this.modules.get(name);
    if (!module) {
      module = readFile(new URL(name, MODULE_DIR), 'utf8').then(stripSourceMapComment, () => undefined);
      this.modules.set(name, module);
    }
    const body = await module;
    return body === undefined ? undefined : { contentType: 'text/javascript; charset=utf-8', body };
  }
}

/** Source maps are not served, so the comment pointing at one is dropped. */
function stripSourceMapComment(code: string): string {
  return code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
