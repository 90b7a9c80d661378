/**
 * The tfjs backends the site offers, as plain names: importing this costs nothing, unlike
 * tf-browser.ts, which pulls in tfjs. cpu comes first because it is the reference the others
 * are compared with. WebGPU is offered only where a page has checked that it starts
 * (`LAB_BACKENDS`, the benchmark page), since most browsers still lack it.
 */
export const BROWSER_BACKENDS_LIST = ['cpu', 'wasm', 'webgl'] as const;
export type BrowserBackendName = (typeof BROWSER_BACKENDS_LIST)[number];

/** Every backend tf-browser.ts can start: the three above and webgpu. */
export const LAB_BACKENDS = [...BROWSER_BACKENDS_LIST, 'webgpu'] as const;
export type LabBackendName = (typeof LAB_BACKENDS)[number];
