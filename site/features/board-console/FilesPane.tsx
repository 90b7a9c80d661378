/** The learner's firmware files, one text box each, and the way back to the example. */
import type { Translate } from './translate.ts';
import { fileRole, type Files } from './firmware-files.ts';

interface Props {
  id: string;
  files: Files;
  cpu1Names: readonly string[];
  onEdit: (name: string, value: string) => void;
  onBackToExample: () => void;
  t: Translate;
}

export default function FilesPane({ id, files, cpu1Names, onEdit, onBackToExample, t }: Props) {
  /** A file's name, and with two programs whose it is. */
  function fileLabel(name: string): string {
    if (!cpu1Names.length) return name;
    const role = fileRole(name, cpu1Names);
    return role === 'header' ? name : t(`board.file.${role}`, { name });
  }

  return (
    <div class="bc-files" role="group" aria-label={t('board.files')}>
      {Object.keys(files)
        .sort()
        .map((name) => (
          <div key={name} class="bc-file">
            <label for={`${id}-${name}`}>{fileLabel(name)}</label>
            <textarea
              id={`${id}-${name}`}
              class="fw-code"
              spellcheck={false}
              rows={Math.min(20, (files[name] ?? '').split('\n').length + 1)}
              value={files[name]}
              onInput={(e) => onEdit(name, (e.target as HTMLTextAreaElement).value)}
            />
          </div>
        ))}
      <div class="bc-row">
        <button type="button" onClick={onBackToExample}>
          {t('board.backToExample')}
        </button>
        <span class="bc-hint">{t('board.savedNote')}</span>
      </div>
    </div>
  );
}
