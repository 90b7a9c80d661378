/**
 * The firmware files' editors: plain text boxes until the reader opens the code editor (or
 * follows a build message to its line), then Monaco with C highlighting, line numbers and the
 * build's diagnostics as markers. Monaco loads on that first use only, with a dynamic import,
 * and never on touch devices (exercise-editor.ts, prefersPlainEditor).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { prefersPlainEditor, type EditorHandle } from '../editor/exercise-editor.ts';
import { offsetOf } from '../exercise/exercise-text.ts';
import { markersFor, type MessageLine } from './build-messages.ts';
import type { Files } from './firmware-files.ts';

export type FilesMode = 'plain' | 'loading' | 'monaco';

export interface FileEditorOptions {
  /** Names the editor models, one set per console. */
  storageKey: string;
  files: Files;
  messages: readonly MessageLine[];
  onEdit: (name: string, value: string) => void;
  onRun: () => void;
  /** The accessible name of a file's editor. */
  label: (name: string) => string;
  onError: (message: string) => void;
}

const canUseMonaco = () => !prefersPlainEditor(window.matchMedia?.bind(window));

export function useFileEditors(o: FileEditorOptions) {
  const names = Object.keys(o.files).sort();
  const [selected, setSelected] = useState(names[0] ?? '');
  const [mode, setMode] = useState<FilesMode>('plain');
  // Known after hydration only (the server has no pointer): the button appears then.
  const [monacoAvailable, setMonacoAvailable] = useState(false);
  const hosts = useRef(new Map<string, HTMLDivElement>());
  const areas = useRef(new Map<string, HTMLTextAreaElement>());
  const handles = useRef(new Map<string, EditorHandle>());
  const latest = useRef(o);
  latest.current = o;

  useEffect(() => {
    setMonacoAvailable(canUseMonaco());
    return () => handles.current.forEach((h) => h.dispose());
  }, []);
  // "Back to the example" and saved files loaded after hydration reach open editors too.
  useEffect(() => {
    for (const [name, handle] of handles.current) handle.setValue(o.files[name] ?? '');
  }, [o.files]);
  useEffect(() => {
    for (const [name, handle] of handles.current) {
      handle.setCompileErrors(markersFor(o.messages, name));
    }
  }, [o.messages, mode]);

  async function openEditors(): Promise<boolean> {
    if (mode === 'monaco') return true;
    if (mode === 'loading' || !canUseMonaco()) return false;
    setMode('loading');
    try {
      const { createEditor } = await import('../editor/monaco.ts');
      // The hosts render once the mode says loading: wait for that render.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const name of names) {
        const host = hosts.current.get(name);
        if (!host) continue;
        const handle = await createEditor(host, {
          exerciseId: `board/${o.storageKey}`,
          fileName: name,
          language: 'c',
          value: latest.current.files[name] ?? '',
          ariaLabel: o.label(name),
          onChange: (value) => latest.current.onEdit(name, value),
          onRun: () => latest.current.onRun(),
        });
        handles.current.set(name, handle);
      }
      setMode('monaco');
      return true;
    } catch (error) {
      o.onError(String(error));
      setMode('plain');
      return false;
    }
  }

  /** Shows `file` with the cursor at `line`:`column`, in Monaco where it can load. */
  async function reveal(file: string, line: number, column: number) {
    if (!names.includes(file)) return;
    setSelected(file);
    if (await openEditors()) {
      handles.current.get(file)?.revealLine(line, column);
      return;
    }
    requestAnimationFrame(() => {
      const area = areas.current.get(file);
      if (!area) return;
      const at = offsetOf(area.value, line, column);
      area.focus();
      area.setSelectionRange(at, at);
    });
  }

  return {
    names,
    selected,
    select: setSelected,
    mode,
    monacoAvailable,
    openEditors: () => void openEditors(),
    reveal,
    hostRef: (name: string) => (el: HTMLDivElement | null) => {
      if (el) hosts.current.set(name, el);
      else hosts.current.delete(name);
    },
    areaRef: (name: string) => (el: HTMLTextAreaElement | null) => {
      if (el) areas.current.set(name, el);
      else areas.current.delete(name);
    },
  };
}

export type FileEditors = ReturnType<typeof useFileEditors>;
