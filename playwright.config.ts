// Runs the journeys: one Playwright project per folder of journeys/ (`--project=<folder>`), validated
// before any test starts. Compose your own with `defineJourneysConfig` from the package.
import { defineJourneysConfig } from './src/index.js';

export default defineJourneysConfig();
