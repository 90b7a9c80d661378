/**
 * Where GCC 12 reports a diagnostic about a token that a macro expansion produced, and the notes
 * it adds (gcc/tree-diagnostic.cc, maybe_unwind_expanded_macro_loc, with libcpp's default
 * -ftrack-macro-expansion=2): the message is placed where the token is spelled (in the macro's
 * definition, or for an argument at the use), then one note per expansion, innermost first:
 *
 *   main.c:1:19: error: 'leds' undeclared (first use in this function)
 *   main.c:3:3: note: in expansion of macro 'LED_ON'
 *
 * For the innermost expansion only, when the token's place in the definition is on another line
 * than the message (an argument's token: its parameter in the body), GCC points into the
 * definition instead and leaves that expansion's own note out:
 *
 *   main.c:3:37: error: 'leds' undeclared (first use in this function)
 *   xgpio.h:26:99: note: in definition of macro 'XGpio_WriteReg'
 */
import type { MacroExpansion, MacroLocation, SourcePoint } from './preprocess-macros.ts';

/** A note GCC prints after a diagnostic inside an expansion. */
export interface ExpansionNote extends SourcePoint {
  readonly message: string;
}

function isVirtual(at: SourcePoint | MacroLocation): at is MacroLocation {
  return 'expansion' in at;
}

/** libcpp's LRK_SPELLING_LOCATION: where the token's characters are. */
export function spellingOf(at: SourcePoint | MacroLocation): SourcePoint {
  let here = at;
  while (isVirtual(here)) here = here.spelling;
  return here;
}

/** libcpp's LRK_MACRO_DEFINITION_LOCATION: a virtual location's place in its macro's body. */
function definitionOf(at: SourcePoint | MacroLocation): SourcePoint {
  return isVirtual(at) ? at.definition : at;
}

/** GCC's notes for a diagnostic at `origin`, whose message is printed on line `line`. */
export function expansionNotes(origin: MacroLocation, line: number): ExpansionNote[] {
  const notes: ExpansionNote[] = [];
  let where: SourcePoint | MacroLocation = origin;
  while (isVirtual(where)) {
    const expansion: MacroExpansion = where.expansion;
    const { macro, at } = expansion;
    const definition: SourcePoint = where.definition;
    if (notes.length === 0 && definition.line !== line) {
      notes.push({ ...definition, message: `in definition of macro '${macro}'` });
    } else {
      notes.push({ ...definitionOf(at), message: `in expansion of macro '${macro}'` });
    }
    where = at;
  }
  return notes;
}
