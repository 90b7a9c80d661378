/** The hints the learner has asked for so far, and the solution once shown. */
import InlineText from './InlineText.tsx';
import type { Translate } from './use-exercise.ts';

export function HintsPane({ hints, t }: { hints: readonly string[]; t: Translate }) {
  if (hints.length === 0) return null;
  return (
    <div role="group" class="exercise-hints" aria-label={t('exercise.hintsHeading')}>
      <ol>
        {hints.map((hint, i) => (
          <li key={i}>
            <InlineText text={hint} />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function SolutionPane({ solution, t }: { solution: string | null; t: Translate }) {
  if (solution === null) return null;
  return (
    <div role="group" class="exercise-solution" aria-label={t('exercise.solutionHeading')}>
      <p class="exercise-small">{t('exercise.solutionNote')}</p>
      <pre class="exercise-code">
        <code>{solution}</code>
      </pre>
    </div>
  );
}
