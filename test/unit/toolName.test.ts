import { test, expect } from '@playwright/test';
import { formatToolName, normalizeNamePart, parseToolName } from '../../src/common/toolName.js';

test('server.tool splits at the first dot without a server list', () => {
  expect(parseToolName('workflow-mcp.create_project')).toEqual({ server: 'workflow-mcp', tool: 'create_project' });
  expect(parseToolName('codebase-mcp.search.v2')).toEqual({ server: 'codebase-mcp', tool: 'search.v2' });
});

test('mcp__server__tool splits at the first __ after the prefix, as Claude Code does', () => {
  expect(parseToolName('mcp__workflow-mcp__create_work_item')).toEqual({ server: 'workflow-mcp', tool: 'create_work_item' });
  expect(parseToolName('mcp__a__b__c')).toEqual({ server: 'a', tool: 'b__c' });
});

test('names without a server part are not tool references', () => {
  for (const name of ['search_code', '.tool', 'server.', 'mcp__', 'mcp__server', 'mcp__server__', 'mcp____tool']) {
    expect(parseToolName(name), name).toBeUndefined();
  }
});

test('a known server list resolves dots and underscores inside server names (longest match wins)', () => {
  const servers = ['api', 'api.v2', 'my_server', 'my'];
  expect(parseToolName('api.v2.list', servers)).toEqual({ server: 'api.v2', tool: 'list' });
  expect(parseToolName('api.list', servers)).toEqual({ server: 'api', tool: 'list' });
  expect(parseToolName('mcp__api_v2__list', servers)).toEqual({ server: 'api.v2', tool: 'list' });
  expect(parseToolName('mcp__my_server__go', servers)).toEqual({ server: 'my_server', tool: 'go' });
  expect(parseToolName('mcp__my__go', servers)).toEqual({ server: 'my', tool: 'go' });
  // Unknown servers fall back to the plain split, so the validator can report them by name.
  expect(parseToolName('other.tool', servers)).toEqual({ server: 'other', tool: 'tool' });
});

test('format back, in either style, round-trips', () => {
  const ref = { server: 'codebase-mcp', tool: 'search_code' };
  expect(formatToolName(ref)).toBe('codebase-mcp.search_code');
  expect(formatToolName(ref, 'claude')).toBe('mcp__codebase-mcp__search_code');
  expect(parseToolName(formatToolName(ref, 'claude'))).toEqual(ref);
  expect(parseToolName(formatToolName(ref))).toEqual(ref);
  expect(formatToolName({ server: 'my.server', tool: 'do it' }, 'claude')).toBe('mcp__my_server__do_it');
  expect(normalizeNamePart('a.b c-d_e')).toBe('a_b_c-d_e');
});
