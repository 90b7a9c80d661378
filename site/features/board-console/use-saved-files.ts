/**
 * A console's firmware files as the learner left them: the example on the server and until
 * hydration, then the files saved in this browser under `storageKey` (site/storage/,
 * board-files.ts). Every edit is saved; going back to the example forgets the saved files.
 * Used by both forms of the board console (use-board-console.ts, BatchConsole.tsx).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createBoardFileStore,
  openBrowserStorage,
  type BoardFileStore,
} from '../../storage/index.ts';
import type { Files } from './firmware-files.ts';

export function useSavedFiles(storageKey: string, example: Files) {
  const [files, setFiles] = useState<Files>(example);
  const store = useRef<BoardFileStore | null>(null);

  useEffect(() => {
    store.current = createBoardFileStore(openBrowserStorage().storage);
    setFiles(store.current.load(storageKey, example).files);
  }, [storageKey]);

  function save(next: Files) {
    setFiles(next);
    store.current?.save(storageKey, next, example);
  }

  return {
    files,
    edit: (name: string, value: string) => save({ ...files, [name]: value }),
    backToExample: () => save({ ...example }),
  };
}
