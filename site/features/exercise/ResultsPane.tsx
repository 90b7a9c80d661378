/**
 * The outcome of the last run: a polite live region that says "Running…" and then the outcome,
 * and below it the grader's message, compile errors (each a button to the line), checks (a
 * failing one links to the line it points at, check-location.ts) and printed output.
 */
import type { BrowserGradeResult } from './browser-runner.ts';
import { checkLocation } from './check-location.ts';
import type { Translate } from './use-exercise.ts';

function Results(props: {
  result: BrowserGradeResult;
  /** The file the editor shows; errors in other files cannot be revealed. */
  file: string;
  /** The code as graded, to find the lines failing checks point at. */
  code: string;
  t: Translate;
  /** Level of the exercise's heading; sub-headings go one below it. */
  level: 2 | 3;
  onReveal: (line: number, column: number) => Promise<void>;
}) {
  const { result, t } = props;
  const SubHeading = `h${props.level + 1}` as 'h3' | 'h4';
  return (
    <div class="exercise-results" data-status={result.status}>
      {result.message && <p class="exercise-message">{result.message}</p>}
      {result.compileErrors.length > 0 && (
        <>
          <SubHeading>{t('exercise.compileErrors')}</SubHeading>
          <ul class="exercise-compile-errors">
            {result.compileErrors.map((e, i) => (
              <li key={i}>
                <button
                  type="button"
                  class="exercise-link"
                  onClick={() => void props.onReveal(e.line, e.column)}
                  disabled={e.file !== undefined && e.file !== props.file}
                >
                  {e.file ? `${e.file}: ` : ''}
                  {t('exercise.compileErrorAt', { line: e.line, column: e.column })}
                </button>{' '}
                <span>{e.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.checks.length > 0 && (
        <ol class="exercise-checks">
          {result.checks.map((check, i) => {
            const at = checkLocation(check, props.file, props.code);
            return (
              <li key={i} data-status={check.status}>
                <span class={`exercise-badge is-${check.status}`}>
                  {t(`exercise.check.${check.status}`)}
                </span>{' '}
                <strong>{check.name}</strong>
                {at && (
                  <>
                    {' '}
                    <button
                      type="button"
                      class="exercise-link"
                      onClick={() => void props.onReveal(at.line, at.column)}
                    >
                      {t('exercise.checkAt', { line: at.line })}
                    </button>
                  </>
                )}
                {check.message && <p>{check.message}</p>}
                {(check.expected !== undefined || check.actual !== undefined) && (
                  <dl>
                    {check.expected !== undefined && (
                      <>
                        <dt>{t('exercise.expected')}</dt>
                        <dd>
                          <code>{check.expected}</code>
                        </dd>
                      </>
                    )}
                    {check.actual !== undefined && (
                      <>
                        <dt>{t('exercise.actual')}</dt>
                        <dd>
                          <code>{check.actual}</code>
                        </dd>
                      </>
                    )}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {result.output.length > 0 && (
        <details class="exercise-output" open>
          <summary>{t('exercise.output', { lines: result.output.length })}</summary>
          <pre>
            <code>{result.output.join('\n')}</code>
          </pre>
        </details>
      )}
      <p class="exercise-duration">{t('exercise.duration', { ms: result.durationMs })}</p>
    </div>
  );
}

export default function ResultsPane(props: {
  id: string;
  t: Translate;
  announcement: string;
  running: boolean;
  result: BrowserGradeResult | null;
  file: string;
  code: string;
  level: 2 | 3;
  onReveal: (line: number, column: number) => Promise<void>;
}) {
  const { result, running, t } = props;
  const shown = result && !running ? result : null;
  return (
    <div
      role="group"
      id={props.id}
      class="exercise-results-panel"
      aria-label={t('exercise.results')}
    >
      {/* The live region: announces "Running…" and then the outcome, politely. */}
      <p
        role="status"
        aria-live="polite"
        class={`exercise-outcome ${shown ? `is-${shown.status}` : ''}`}
      >
        {props.announcement}
      </p>
      {shown && (
        <Results
          result={shown}
          file={props.file}
          code={props.code}
          t={t}
          level={props.level}
          onReveal={props.onReveal}
        />
      )}
    </div>
  );
}
