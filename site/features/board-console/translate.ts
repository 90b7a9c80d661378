/** The translator the board console's panes take (the site's `translator(lang)`). */
import type { translator } from '../../i18n/ui.ts';

export type Translate = ReturnType<typeof translator>;
