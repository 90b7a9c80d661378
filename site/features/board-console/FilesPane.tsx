/**
 * The learner's firmware files: one tab per file when there are several, a text box for each
 * until the code editor is opened (then Monaco, use-file-editors.ts), and the way back to the
 * example.
 */
import type { Translate } from './translate.ts';
import type { FileEditors } from './use-file-editors.ts';
import type { Files } from './firmware-files.ts';

interface Props {
  id: string;
  files: Files;
  editors: FileEditors;
  /** A file's name as shown, with its CPU when there are two programs. */
  fileLabel: (name: string) => string;
  onEdit: (name: string, value: string) => void;
  onBackToExample: () => void;
  /** Ctrl+Enter (Cmd+Enter) in a text box; Monaco has its own (use-file-editors.ts onRun). */
  onRun?: () => void;
  t: Translate;
}

export default function FilesPane(p: Props) {
  const { id, files, editors, t } = p;
  const { names, selected, mode } = editors;
  const tabs = names.length > 1;
  const tabId = (name: string) => `${id}-filetab-${name}`;
  const panelId = (name: string) => `${id}-file-${name}`;

  const onTabKey = (e: KeyboardEvent) => {
    const i = names.indexOf(selected);
    const next =
      e.key === 'ArrowRight'
        ? names[(i + 1) % names.length]
        : e.key === 'ArrowLeft'
          ? names[(i + names.length - 1) % names.length]
          : null;
    if (!next) return;
    e.preventDefault();
    editors.select(next);
    document.getElementById(tabId(next))?.focus();
  };

  return (
    <div class="bc-files not-content" role="group" aria-label={t('board.files')}>
      {tabs && (
        <div class="bc-tabs" role="tablist" aria-label={t('board.files')}>
          {names.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={tabId(name)}
              aria-selected={name === selected}
              aria-controls={panelId(name)}
              tabIndex={name === selected ? 0 : -1}
              onClick={() => editors.select(name)}
              onKeyDown={onTabKey}
            >
              {p.fileLabel(name)}
            </button>
          ))}
        </div>
      )}
      {names.map((name) => (
        <div
          key={name}
          id={panelId(name)}
          class="bc-file"
          hidden={name !== selected}
          {...(tabs && { role: 'tabpanel', 'aria-labelledby': tabId(name) })}
        >
          {mode !== 'monaco' && (
            <>
              <label for={`${id}-${name}`} class={tabs ? 'bc-sr' : ''}>
                {p.fileLabel(name)}
              </label>
              <textarea
                id={`${id}-${name}`}
                ref={editors.areaRef(name)}
                class="fw-code"
                spellcheck={false}
                // Seven rows at most keep the whole board under ~900 px at 1280x800.
                rows={Math.min(7, (files[name] ?? '').split('\n').length + 1)}
                value={files[name]}
                onInput={(e) => p.onEdit(name, (e.target as HTMLTextAreaElement).value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && p.onRun) {
                    e.preventDefault();
                    p.onRun();
                  }
                }}
              />
            </>
          )}
          {mode !== 'plain' && (
            <div
              ref={editors.hostRef(name)}
              class={`bc-monaco ${mode === 'loading' ? 'is-loading' : ''}`}
              data-editor="monaco"
            />
          )}
        </div>
      ))}
      <div class="bc-row">
        {editors.monacoAvailable && mode !== 'monaco' && (
          <button type="button" onClick={editors.openEditors} disabled={mode === 'loading'}>
            {mode === 'loading' ? t('board.editorLoading') : t('board.openEditor')}
          </button>
        )}
        <button type="button" onClick={p.onBackToExample}>
          {t('board.backToExample')}
        </button>
        <span class="bc-hint">{t('board.savedNote')}</span>
      </div>
    </div>
  );
}
