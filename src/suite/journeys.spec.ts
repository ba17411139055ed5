// The one Playwright test file of the journeys: every journey becomes a test in the group (and project)
// of its folder, located at its own YAML line. Validation already ran in the config.
import { resolveMcpConfigPath } from '../mcp/index.js';
import { byFolder, collectJourneys } from './collect.js';
import { defineJourneyTest } from './defineJourneyTest.js';
import { journeysDir } from '../common/paths.js';
import { learnJourneySecrets, test } from '../worker/testFixtures.js';

const collected = collectJourneys(journeysDir(process.cwd()), resolveMcpConfigPath());
if (collected.diagnostics.some((d) => d.severity === 'error')) throw new Error(`journeys do not validate:\n${collected.report}`);
learnJourneySecrets(collected.plans);

for (const [folder, plans] of byFolder(collected.plans)) {
  test.describe(folder, () => {
    for (const plan of plans) defineJourneyTest(test, plan, collected.skipped.get(plan));
  });
}
