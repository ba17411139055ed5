// What a step shows in the report besides its title and status: parameters (server, tool, latency_ms …)
// and attachments (request, response). They are gathered in the worker while the step runs and travel
// with the step's end, as one annotation on the Playwright step: every Playwright attachment is a round
// trip from the worker to the runner process and costs about as much as a fast local MCP call, so three
// of them per step tripled the runner's overhead (bench/runner.ts). The project's Allure reporter
// (src/run/allureReporter.ts) turns the annotation back into step parameters and attachments.
import type { Attachment } from './stepAttachments.js';

export const STEP_NOTES_ANNOTATION = 'mcp-journeys:step';

export interface StepParameter {
  name: string;
  value: string;
}

export interface StepNotesData {
  parameters: StepParameter[];
  attachments: Attachment[];
}

export class StepNotes implements StepNotesData {
  readonly parameters: StepParameter[] = [];
  readonly attachments: Attachment[] = [];

  parameter(name: string, value: string | undefined): void {
    if (value !== undefined) this.parameters.push({ name, value });
  }

  attach(attachment: Attachment): void {
    this.attachments.push(attachment);
  }

  get empty(): boolean {
    return this.parameters.length === 0 && this.attachments.length === 0;
  }

  annotation(): { type: string; description: string } {
    return { type: STEP_NOTES_ANNOTATION, description: JSON.stringify({ parameters: this.parameters, attachments: this.attachments }) };
  }
}

function isStrings(value: unknown, keys: string[]): boolean {
  return typeof value === 'object' && value !== null && keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'string');
}

/** The notes an annotation carries; undefined for any other annotation or a malformed one (never throws). */
export function readStepNotes(annotation: { type: string; description?: string }): StepNotesData | undefined {
  if (annotation.type !== STEP_NOTES_ANNOTATION || annotation.description === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(annotation.description);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { parameters, attachments } = data as Record<string, unknown>;
  if (!Array.isArray(parameters) || !Array.isArray(attachments)) return undefined;
  return {
    parameters: parameters.filter((p): p is StepParameter => isStrings(p, ['name', 'value'])),
    attachments: attachments.filter((a): a is Attachment => isStrings(a, ['name', 'contentType', 'body'])),
  };
}
