/** The languages exercises are written in (kept apart from the compilers, which are heavy). */
export const LANGUAGES = ['ts', 'c'] as const;
export type Language = (typeof LANGUAGES)[number];
