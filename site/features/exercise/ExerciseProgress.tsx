/**
 * The exercise list with this browser's progress, and export / import of all progress as a
 * JSON file (to move to another machine, or to keep a backup before clearing the browser).
 * Import validates the whole file first (storage/progress-store.ts): a bad file changes nothing.
 */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { manifest } from '../../../exercises/manifest.ts';
import { translator } from '../../i18n/ui.ts';
import {
  createProgressStore,
  openBrowserStorage,
  type ExerciseProgress as Progress,
  type ProgressStore,
} from '../../storage/index.ts';

interface Props {
  lang?: string;
}

export default function ExerciseProgress({ lang = 'en' }: Props) {
  const t = useMemo(() => translator(lang), [lang]);
  const importId = useId();
  const [store, setStore] = useState<ProgressStore | null>(null);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const [message, setMessage] = useState('');
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');

  const refresh = (s: ProgressStore) => setProgress(s.exportAll().data.progress);

  useEffect(() => {
    const { storage, persistent } = openBrowserStorage();
    const s = createProgressStore(storage);
    setStore(s);
    refresh(s);
    if (!persistent) setMessage(t('exercise.notice.noStorage'));
  }, []);

  function exportFile() {
    if (!store) return;
    const blob = new Blob([store.exportJson()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `shufflenet-lab-progress-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!store || !file) return;
    const result = store.importJson(await file.text());
    input.value = '';
    setMessage(
      result.ok
        ? t('progress.imported', { code: result.codeEntries, progress: result.progressEntries })
        : t('progress.importFailed', { error: result.error }),
    );
    refresh(store);
  }

  const solved = manifest.filter((e) => progress[e.id]?.solved).length;

  return (
    <section class="exercise-progress" aria-label={t('progress.title')}>
      <p>{t('progress.solvedCount', { solved, total: manifest.length })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('exercises.column.number')}</th>
            <th scope="col">{t('exercises.column.exercise')}</th>
            <th scope="col">{t('exercises.column.status')}</th>
          </tr>
        </thead>
        <tbody>
          {manifest.map((exercise, i) => (
            <tr key={exercise.id} data-exercise={exercise.id}>
              <td>{i + 1}</td>
              <td>
                <a href={`${base}/exercises/${exercise.id}/`}>{exercise.title}</a>
              </td>
              <td>
                {progress[exercise.id]?.solved
                  ? `✓ ${t('exercise.solved')}`
                  : t('exercise.notSolved')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="exercise-actions">
        <button type="button" onClick={exportFile} disabled={!store}>
          {t('progress.export')}
        </button>
        <label for={importId} class="exercise-file-button">
          {t('progress.import')}
        </label>
        <input
          id={importId}
          type="file"
          accept="application/json,.json"
          disabled={!store}
          onChange={(e) => void importFile(e.currentTarget)}
        />
      </div>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
