// The protocol's step kinds end to end against the purpose-built protocol server (every list paged two at
// a time): prompts, resources, templates, completions, ping and subscriptions pass, and journeys meant
// to fail fail where they say, with what they say.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { runJourneys, type AllureStep } from '../support/inline.js';
import { testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 600_000 });

const script = fileURLToPath(new URL('../support/servers/protocolServer.ts', import.meta.url));

function protoConfig(): unknown {
  const { command, args } = testServerCommand('proto', script);
  const loop = testServerCommand('loop', script);
  return { mcpServers: { proto: { type: 'stdio', command, args }, loop: { type: 'stdio', command: loop.command, args: [...loop.args, '--cursor-loop'] } } };
}

const head = (n: number, name: string, servers = '[proto]') => `test_id: 7c1d0a4e-2b3f-4c5d-8e6f-9a0b1c2d3e${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: ${servers}
`;

const passing = `${head(1, 'Prompts, resources, completions, ping and subscriptions')}vars: { who: Ada }
test_steps:
  - list_prompts: proto
    expect: { result: { "$.prompts[*].name": { equals: [greet, summarise, plain] } } }
  - name: Get the greeting
    get_prompt: { server: proto, name: greet, args: { name: "\${who}", style: formal } }
    expect: { result: { "$.messages[0].content.text": "Good day, Ada!", "$.description": A greeting } }
    save: { greeting: "$.messages[0].content.text" }
  - get_prompt: { server: proto, name: greet }
    expect: { protocol_error: missing required argument }
  - list_resources: proto
    expect: { result: { "$.resources": { length: 3 }, "$.resources[2].uri": "proto://three" } }
  - list_resource_templates: proto
    expect: { result: { "$.resourceTemplates[*].uriTemplate": { contains: "proto://logs/{day}" } } }
  - complete: { server: proto, prompt: greet, argument: name, value: Al }
    expect: { result: { "$.completion.values": { equals: [Alice, Alan] } } }
  - complete: { server: proto, prompt: greet, argument: style, context: { name: Bob } }
    expect: { result: { "$.completion.values": { equals: [casual] } } }
  - complete: { server: proto, resource: "proto://users/{id}", argument: id, value: "1" }
    expect: { result: { "$.completion.values": { equals: ["1", "10"] } } }
  - ping: proto
  - subscribe: { server: proto, uri: "proto://one" }
  - read: { server: proto, uri: "proto://subscriptions" }
    expect: { result: { "$.subscribed": { equals: ["proto://one"] } } }
  - unsubscribe: { server: proto, uri: "proto://one" }
  - name: Unsubscribe twice
    unsubscribe: { server: proto, uri: "proto://one" }
    expect: { protocol_error: { matches: "not subscribed to proto://one" } }
assertions:
  - that: "\${greeting}"
    matches: "^Good day"
`;

// Meant to fail: the prompt's text is not what the journey says.
const wrongText = `${head(2, 'Wrong greeting')}test_steps:
  - get_prompt: { server: proto, name: greet, args: { name: Ada } }
    expect: { result: { "$.messages[0].content.text": "Good day, Ada!" } }
  - get_prompt: { server: proto, name: nope }
    expect: { protocol_error: true }
`;

// Meant to fail: a server whose prompts/list never ends.
const cursorLoop = `${head(3, 'Endless prompt list', '[loop]')}test_steps:
  - list_prompts: loop
    expect: { result: { "$.prompts": { minItems: 1 } } }
  - ping: loop
    expect: { protocol_error: true }
`;

const results = `${head(4, 'Every content item, the outputSchema and a hostile tool name')}test_steps:
  - name: Media
    call: proto.media
    expect:
      result:
        "$": four items follow
        "$raw.content[*].type": { equals: [text, image, audio, resource_link, resource] }
        "$raw.content[1].mimeType": image/png
        "$raw.content[1].annotations.priority": 0.5
        "$raw.content[2].mimeType": audio/wav
        "$raw.content[3].uri": "proto://one"
        "$raw.content[4].resource.text": resource two
    save: { link: "$raw.content[3].uri" }
  - read: { server: proto, uri: "\${link}" }
    expect: { result: { "$": "content of proto://one" } }
  - call: proto.typed
    args: { count: 3 }
    expect: { result: { "$.count": 3, "$raw.structuredContent.count": 3, "$raw.content[0].type": text } }
  - name: A count that is not an integer breaks the outputSchema
    call: proto.typed
    args: { count: three }
    expect: { protocol_error: "$.count must be integer", result: { "$.count": three } }
  - name: The hostile tool, by its Claude Code name
    call: mcp__proto__r_sum__tool__
    expect: { result: { "$": hostile ok } }
`;

// check_output_schema off: the same mismatch passes.
const unchecked = `${head(5, 'Output schema not checked')}session: { check_output_schema: false }
test_steps:
  - call: proto.typed
    args: { count: three }
    expect: { result: { "$.count": three } }
  - call: proto.typed
    args: { bare: true }
    expect: { outcome: ok, result: { "$": no structured content } }
  - call: proto.nope
    expect: { protocol_error: true }
`;

// Meant to fail: the journey takes the mismatching result for a good one.
const mismatch = `${head(6, 'Trusts a result that breaks its outputSchema')}test_steps:
  - call: proto.typed
    args: { count: 2.5 }
    expect: { result: { "$.count": 2.5 } }
  - call: proto.nope
    expect: { protocol_error: true }
`;

function all(steps: AllureStep[]): AllureStep[] {
  return steps.flatMap((s) => [s, ...all(s.steps)]);
}

test('the protocol step kinds, content items under $raw, outputSchema checks and a hostile tool name; the failing journeys fail where they say', async () => {
  let requestBody = '';
  const run = await runJourneys({
    files: {
      'proto/passing.journey.yaml': passing, 'proto/wrong-text.journey.yaml': wrongText, 'proto/cursor-loop.journey.yaml': cursorLoop,
      'proto/results.journey.yaml': results, 'proto/unchecked.journey.yaml': unchecked, 'proto/mismatch.journey.yaml': mismatch,
    },
    mcpConfig: protoConfig(),
    afterRun: (dir) => {
      requestBody = attachment(join(dir, 'allure-results'), 'Get the greeting', 'request');
      return Promise.resolve();
    },
  });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.output).toContain('3 failed');
  expect(run.output).toContain('3 passed');
  for (const name of ['Every content item, the outputSchema and a hostile tool name', 'Output schema not checked']) {
    expect(run.allureResults.find((r) => r.name === name)?.status, name).toBe('passed');
  }
  const passed = run.allureResults.find((r) => r.name === 'Prompts, resources, completions, ping and subscriptions');
  expect(passed?.status).toBe('passed');
  expect(all(passed?.steps ?? []).map((s) => s.name)).toEqual(expect.arrayContaining([
    'list_prompts proto', 'Get the greeting', 'get_prompt proto greet', 'list_resources proto', 'list_resource_templates proto',
    'complete proto greet name', 'complete proto proto://users/{id} id', 'ping proto', 'subscribe proto proto://one', 'unsubscribe proto proto://one',
  ]));
  expect(JSON.parse(requestBody)).toEqual({ server: 'proto', method: 'prompts/get', params: { name: 'greet', arguments: { name: 'Ada', style: 'formal' } } });

  // Lines count the schema line the inline runner puts first.
  expect(run.output).toMatch(/\$\.messages\[0\]\.content\.text {2}\(line 8\)\n\s+Expected: to equal "Good day, Ada!"\n\s+Received: "Hello, Ada!"/);
  expect(run.output).toMatch(/at expect \(.*proto\/wrong-text\.journey\.yaml:8:25\)/);
  expect(run.output).toContain('loop: prompts/list: page 2 sent the cursor "again" that page 1 sent (a cursor loop); 2 items read');
  expect(run.output).toMatch(/at list_prompts loop \(.*proto\/cursor-loop\.journey\.yaml:7:5\)/);
  expect(run.output).toContain('call proto.typed failed with a protocol error: proto: tools/call typed: structuredContent does not match the outputSchema of typed: $.count must be integer');
  expect(run.output).toMatch(/at call proto\.typed \(.*proto\/mismatch\.journey\.yaml:7:5\)/);
});

/** The text of a step's attachment, found through the result files (the attachment's file is named by uuid). */
function attachment(results: string, step: string, name: string): string {
  for (const file of readdirSync(results).filter((f) => f.endsWith('-result.json'))) {
    const result = JSON.parse(readFileSync(join(results, file), 'utf8')) as { steps: AllureStep[] };
    const source = all(result.steps).find((s) => s.name === step)?.attachments?.find((a) => a.name === name)?.source;
    if (source) return readFileSync(join(results, source), 'utf8');
  }
  return '';
}
