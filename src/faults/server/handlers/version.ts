import type { Handler } from './context.js';

/** The real server release whose API this one reproduces. */
export const TOXIPROXY_VERSION = '2.12.0';

export const version: Handler = () => ({
  status: 200,
  headers: { 'Content-Type': 'application/json;charset=utf-8' },
  body: `{"version": "${TOXIPROXY_VERSION}"}\n`,
});
