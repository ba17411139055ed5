// The Allure 3 configuration `mcp-journeys report` renders with, generated per run rather than kept as
// an allurerc at the repository's top level: one self-contained HTML file with every step expanded, the
// journeys' failure categories, and a history file so trends build up across runs.
import { allureCategories } from './categories.js';
import type { AllureCategory } from './categories.js';

export interface ReportConfigOptions {
  /** Absolute output directory. */
  output: string;
  /** Absolute path of the Allure 3 history file (JSON lines), kept between runs. */
  historyPath?: string;
  /** At most this many runs in the history (default 20). */
  historyLimit?: number;
  reportName?: string;
}

export interface AllureReportConfig {
  name: string;
  output: string;
  historyPath?: string;
  historyLimit?: number;
  categories: AllureCategory[];
  plugins: {
    awesome: {
      options: {
        reportName: string;
        singleFile: boolean;
        stepTreeExpansion: 'collapsed' | 'expand_failed_only' | 'expanded';
        groupBy: string[];
      };
    };
  };
}

export const DEFAULT_REPORT_NAME = 'mcp-journeys';

export function allureReportConfig(options: ReportConfigOptions): AllureReportConfig {
  const name = options.reportName ?? DEFAULT_REPORT_NAME;
  const config: AllureReportConfig = {
    name,
    output: options.output,
    categories: allureCategories(),
    plugins: {
      awesome: {
        // Journeys are grouped as Playwright shows them: project (folder), then the journey.
        options: { reportName: name, singleFile: true, stepTreeExpansion: 'expanded', groupBy: ['parentSuite', 'epic', 'feature'] },
      },
    },
  };
  if (options.historyPath !== undefined) {
    config.historyPath = options.historyPath;
    config.historyLimit = options.historyLimit ?? 20;
  }
  return config;
}
