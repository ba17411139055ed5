// What `expect: { progress, logs, notifications }` look at: the notifications a step received, in the
// shapes a journey author reads in the MCP spec.
import type { ReceivedNotification } from '../../mcp/types.js';

const PROGRESS = 'notifications/progress';
const LOG = 'notifications/message';

/** `{ progress, total?, message? }` for each progress notification, in order. */
export function progressOf(notifications: readonly ReceivedNotification[] = []): unknown[] {
  return notifications.filter((n) => n.method === PROGRESS).map((n) => n.params);
}

/** One line per log message: `level: text`, or `level [logger]: text`; data that is not a string is JSON. */
export function logText(notifications: readonly ReceivedNotification[] = []): string {
  return notifications.filter((n) => n.method === LOG).map((n) => {
    const { level, logger, data } = n.params;
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    const from = typeof logger === 'string' ? ` [${logger}]` : '';
    return `${String(level)}${from}: ${text}`;
  }).join('\n');
}

/** `{ method, params }` of each notification, in order. */
export function notificationList(notifications: readonly ReceivedNotification[] = []): { method: string; params: Record<string, unknown> }[] {
  return notifications.map((n) => ({ method: n.method, params: n.params }));
}
