// A recording standing in for its server over stdio (`mcp-journeys replay`, and `"type": "replay"` in
// the MCP configuration, which runs it): every request is answered from the recording (replayMatch.ts),
// notifications are taken and dropped, and it ends when its stdin does.
import { readFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { messageOf } from '../common/messageOf.js';
import { Replay, type RecordedServer } from './replayMatch.js';

interface RecordingFile {
  servers?: Record<string, RecordedServer>;
}

/** The recorded server, or a sentence saying why the file cannot serve one. */
export function loadReplay(file: string, server: string | undefined): Replay | string {
  let doc: RecordingFile;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as RecordingFile;
  } catch (error) {
    return `cannot read the recording ${file}: ${messageOf(error)}`;
  }
  const servers = doc.servers && typeof doc.servers === 'object' ? doc.servers : {};
  const names = Object.keys(servers);
  const name = server ?? (names.length === 1 ? names[0] : undefined);
  const recorded = name === undefined ? undefined : servers[name];
  if (name === undefined || !recorded || !Array.isArray(recorded.exchanges)) {
    const which = server === undefined ? 'give --server' : `it has no server "${server}"`;
    return `${file} records ${names.length === 0 ? 'no server' : names.join(', ')}: ${which}`;
  }
  return new Replay(name, recorded);
}

export async function serveReplay(replay: Replay): Promise<void> {
  const transport = new StdioServerTransport();
  transport.onmessage = (message: JSONRPCMessage) => {
    if (!('method' in message) || !('id' in message)) return;
    const answer = replay.answer(message.method, message.params);
    void transport.send({ jsonrpc: '2.0', id: message.id, ...answer } as JSONRPCMessage);
  };
  await transport.start();
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await transport.close();
}
