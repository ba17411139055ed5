// What a step shows in the report besides its title and status: parameters (server, tool, latency_ms …)
// and attachments (request, response). They are gathered in the worker while the step runs and travel
// with the step's end, as annotations on the Playwright step: every Playwright attachment is a round
// trip from the worker to the runner process and costs about as much as a fast local MCP call, so three
// of them per step tripled the runner's overhead (bench/runner.ts). The project's Allure reporter
// (src/runner/allureNotes.ts) turns the annotations back into step parameters and attachments.
import { maskText } from './mask.js';
import type { Attachment } from './stepAttachments.js';

// One annotation per parameter and per attachment, their values as they are: the step's end is JSON
// already, and wrapping the notes in JSON of their own cost a second escape of every body.
const PARAMETER = 'mcp-journeys:parameter:';
const ATTACHMENT = 'mcp-journeys:attachment:';
const LEAD = 'mcp-journeys:lead-ms';

export interface StepParameter {
  name: string;
  value: string;
}

export interface StepNotesData {
  parameters: StepParameter[];
  attachments: Attachment[];
  /** How long before the Playwright step opened its request went out (src/worker/lookahead.ts), in ms. */
  leadMs?: number;
}

export interface Annotation {
  type: string;
  description?: string;
}

export class StepNotes implements StepNotesData {
  readonly parameters: StepParameter[] = [];
  readonly attachments: Attachment[] = [];
  leadMs?: number;

  parameter(name: string, value: string | undefined): void {
    if (value !== undefined) this.parameters.push({ name, value: maskText(value) });
  }

  /** The body goes as it is: its maker masks it (exchangeAttachments masks by key as well). */
  attach(attachment: Attachment): void {
    this.attachments.push(attachment);
  }

  lead(ms: number): void {
    if (ms > 0) this.leadMs = ms;
  }

  annotations(): Annotation[] {
    return [
      ...(this.leadMs === undefined ? [] : [{ type: LEAD, description: String(this.leadMs) }]),
      ...this.parameters.map((p) => ({ type: `${PARAMETER}${p.name}`, description: p.value })),
      // The name never holds a colon (request, response); the content type may, so it comes last.
      ...this.attachments.map((a) => ({ type: `${ATTACHMENT}${a.name}:${a.contentType}`, description: a.body })),
    ];
  }
}

/** The notes among a step's annotations; undefined when it has none. Never throws. */
export function readStepNotes(annotations: readonly Annotation[]): StepNotesData | undefined {
  const notes: StepNotesData = { parameters: [], attachments: [] };
  for (const { type, description = '' } of annotations) {
    if (type === LEAD) {
      const ms = Number(description);
      if (ms > 0) notes.leadMs = ms;
    } else if (type.startsWith(PARAMETER)) notes.parameters.push({ name: type.slice(PARAMETER.length), value: description });
    else if (type.startsWith(ATTACHMENT)) {
      const rest = type.slice(ATTACHMENT.length);
      const colon = rest.indexOf(':');
      if (colon > 0) notes.attachments.push({ name: rest.slice(0, colon), contentType: rest.slice(colon + 1), body: description });
    }
  }
  return notes.parameters.length + notes.attachments.length > 0 || notes.leadMs !== undefined ? notes : undefined;
}
