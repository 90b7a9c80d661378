/**
 * The tfjs backends the site offers, as plain names: importing this costs nothing, unlike
 * tf-browser.ts, which pulls in tfjs. cpu comes first because it is the reference the others
 * are compared with.
 */
export const BROWSER_BACKENDS_LIST = ['cpu', 'wasm', 'webgl'] as const;
export type BrowserBackendName = (typeof BROWSER_BACKENDS_LIST)[number];
