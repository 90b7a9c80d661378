/**
 * The learner's code: a read-only preview until they ask to edit, then Monaco (desktops) or a
 * plain textarea (touch devices, or when Monaco fails to load).
 */
import type { Ref } from 'preact';
import type { EditorMode } from './exercise-state.ts';
import { textareaRows } from './exercise-state.ts';
import type { Translate } from './use-exercise.ts';

export default function EditorPane(props: {
  baseId: string;
  mode: EditorMode;
  code: string;
  codeLabel: string;
  t: Translate;
  hostRef: Ref<HTMLDivElement>;
  textareaRef: Ref<HTMLTextAreaElement>;
  onOpen: () => void;
  onInput: (value: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  const { baseId, mode, code, codeLabel, t } = props;
  return (
    <div class="exercise-editor" onKeyDown={props.onKeyDown}>
      {(mode === 'preview' || mode === 'loading') && (
        <div class="exercise-preview">
          <pre
            class="exercise-code"
            tabIndex={0}
            aria-label={codeLabel}
            onClick={props.onOpen}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) props.onOpen();
            }}
          >
            <code>{code}</code>
          </pre>
          <p class="exercise-edit-row">
            <button
              type="button"
              onClick={props.onOpen}
              disabled={mode === 'loading'}
              aria-describedby={`${baseId}-edit-hint`}
            >
              {mode === 'loading' ? t('exercise.loadingEditor') : t('exercise.edit')}
            </button>{' '}
            <span id={`${baseId}-edit-hint`} class="exercise-small">
              {t('exercise.editHint')}
              {/* Phones get the plain text box and no keyboard shortcuts: CSS hides this there. */}
              <span class="exercise-shortcuts"> {t('exercise.shortcutsHint')}</span>
            </span>
          </p>
        </div>
      )}
      {mode === 'plain' && (
        <>
          <label for={`${baseId}-textarea`} class="exercise-small">
            {codeLabel}
          </label>
          <textarea
            id={`${baseId}-textarea`}
            ref={props.textareaRef}
            class="exercise-textarea"
            value={code}
            spellcheck={false}
            autocapitalize="off"
            autocomplete="off"
            rows={textareaRows(code)}
            onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
          />
        </>
      )}
      {/* Monaco needs its host in the DOM while it starts, so it exists from 'loading' on.
          not-content: Starlight spaces siblings in lesson content (margin-top on every element
          after the first), which would push Monaco's absolutely placed lines 16 px apart. */}
      {(mode === 'loading' || mode === 'monaco') && (
        <div
          ref={props.hostRef}
          class={`exercise-monaco not-content ${mode === 'loading' ? 'is-loading' : ''}`}
          data-editor="monaco"
        />
      )}
    </div>
  );
}
