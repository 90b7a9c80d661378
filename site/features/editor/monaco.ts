/**
 * Monaco for the exercise editor. This module is only ever loaded with a dynamic `import()` on
 * the learner's first interaction, so the ~11 MB of editor and TypeScript worker stay off the
 * page until someone wants to type. Paths are Monaco 0.57's, as its package.json `exports` allow.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import {
  getTypeScriptWorker,
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
// `editor.api` is the bare editor: the IntelliSense widgets are contributions, loaded here one by
// one rather than with `editor.main`'s eighty (diff editor, colour picker, sticky scroll, ...).
// Completions (with snippets), hovers, parameter hints, F8 to step through problems (the marker
// widget, which a screen reader reads), Ctrl+M to make Tab leave the editor, find, comment.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/features/find/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/cpp/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
// The production build drops CSS that only a dynamic import reaches; link it by URL instead
// (https://vite.dev/guide/assets#explicit-url-imports).
import monacoCssUrl from 'monaco-editor-css?url';
import type { CompileError } from '../../../exercises/grader/types.ts';
import type { EditorHandle, EditorOptions } from './exercise-editor.ts';
import { typeErrorsOf } from './type-diagnostics.ts';

self.MonacoEnvironment = {
  getWorker: (_id, label) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

function linkCss() {
  if (document.querySelector('link[data-monaco-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = monacoCssUrl;
  link.dataset.monacoCss = '';
  document.head.append(link);
}

let typesReady: Promise<void> | null = null;

/**
 * Gives the TypeScript service the declarations of `@tensorflow/tfjs-core` and the course
 * runtime's sources as files under a virtual `node_modules`, so
 * `import * as tf from '@tensorflow/tfjs-core'` and `import { buildArch } from
 * 'shufflenet-lab/runtime'` resolve exactly as in `tsc`, and completions know `Tensor4D`,
 * `tf.conv2d`, the chained methods, `ArchOptions` and `CostRow`.
 */
function loadTypes(): Promise<void> {
  typesReady ??= Promise.all([import('./tfjs-types.ts'), import('./runtime-types.ts')]).then(
    ([{ tfjsDeclarationFiles }, { runtimeDeclarationFiles }]) => {
      typescriptDefaults.setCompilerOptions({
        strict: true,
        target: ScriptTarget.ES2020,
        module: ModuleKind.ESNext,
        moduleResolution: ModuleResolutionKind.NodeJs,
        noEmit: true,
        allowNonTsExtensions: true,
        // The runtime's sources import each other as './arch.ts', as tsconfig.json allows.
        allowImportingTsExtensions: true,
        // The code runs in a worker: its globals (console, self), no DOM.
        lib: ['es2020', 'webworker'],
      });
      typescriptDefaults.setExtraLibs([...tfjsDeclarationFiles(), ...runtimeDeclarationFiles()]);
    },
  );
  return typesReady;
}

const languageIds = { ts: 'typescript', c: 'c' } as const;

/** Creates an editor in `host`; the caller owns the returned handle and disposes it. */
export async function createEditor(
  host: HTMLElement,
  options: EditorOptions,
): Promise<EditorHandle> {
  linkCss();
  if (options.language === 'ts') await loadTypes();
  // One model per exercise file; a file:/// path lets relative imports and diagnostics line up.
  const uri = monaco.Uri.parse(`file:///exercises/${options.exerciseId}/${options.fileName}`);
  const model =
    monaco.editor.getModel(uri) ??
    monaco.editor.createModel(options.value, languageIds[options.language], uri);
  model.setValue(options.value);
  const dark = document.documentElement.dataset.theme === 'dark';
  const editor = monaco.editor.create(host, {
    model,
    theme: dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    ariaLabel: options.ariaLabel,
    // Tab moves focus out of the editor for keyboard users once they press Ctrl+M (Monaco's
    // standard toggle); the screen-reader mode itself follows the OS setting.
    accessibilitySupport: 'auto',
  });
  // Follow Starlight's theme switch (it sets data-theme on <html>).
  const themeWatch = new MutationObserver(() =>
    monaco.editor.setTheme(document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs'),
  );
  themeWatch.observe(document.documentElement, { attributeFilter: ['data-theme'] });
  // The grader's markers describe the code as it was graded; the first edit makes them stale.
  // (The TypeScript service's own markers update live and stay.)
  let graderMarkers = false;
  const changes = model.onDidChangeContent(() => {
    if (graderMarkers) {
      graderMarkers = false;
      monaco.editor.setModelMarkers(model, 'grader', []);
    }
    options.onChange(model.getValue());
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());

  return {
    getValue: () => model.getValue(),
    setValue: (value) => {
      if (value !== model.getValue()) model.setValue(value);
    },
    focus: () => editor.focus(),
    ...(options.language === 'ts' && {
      async typeErrors() {
        // The worker the editor's own squiggles come from, asked for the same diagnostics.
        const worker = await (await getTypeScriptWorker())(model.uri);
        const name = model.uri.toString();
        const source = model.getValue();
        const [syntactic, semantic] = await Promise.all([
          worker.getSyntacticDiagnostics(name),
          worker.getSemanticDiagnostics(name),
        ]);
        return typeErrorsOf([...syntactic, ...semantic], source, options.fileName);
      },
    }),
    setCompileErrors: (errors: CompileError[]) => {
      graderMarkers = errors.length > 0;
      monaco.editor.setModelMarkers(
        model,
        'grader',
        errors.map((e) => ({
          severity: monaco.MarkerSeverity.Error,
          message: e.message,
          startLineNumber: e.line,
          startColumn: e.column,
          endLineNumber: e.line,
          endColumn: model.getLineMaxColumn(Math.min(Math.max(e.line, 1), model.getLineCount())),
        })),
      );
    },
    revealLine: (line, column) => {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    dispose: () => {
      themeWatch.disconnect();
      changes.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
