// Post-processing of Allure's single-file report: it must open from file:// with no network at all.
// Allure 3's awesome template always embeds a Google Analytics tag (plugin-awesome generators.js,
// `analyticsEnable: true`, no option to turn it off); the report app itself never calls it.
const ANALYTICS = /<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>\s*<script>(?:(?!<\/script>)[\s\S])*?gtag\('config'(?:(?!<\/script>)[\s\S])*<\/script>/g;

export function withoutAnalytics(html: string): string {
  return html.replace(ANALYTICS, '');
}

/** `src`/`href` attributes that load something over the network (what a file:// report must not need). */
export function externalReferences(html: string): string[] {
  return [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:\/\/[^"]+)"/gi)].map((m) => m[1] ?? '');
}
