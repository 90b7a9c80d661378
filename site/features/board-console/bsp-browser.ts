/**
 * The board support package for a browser build: the same files board/bsp/bsp.ts reads from
 * disk in Node, bundled here as text by Vite.
 */
import type { Bsp } from '../../../board/bsp/bsp.ts';
import { BSP_INCLUDE_DIR, BSP_SOURCE_DIR } from '../../../board/bsp/paths.ts';

const headers = import.meta.glob<string>('/board/bsp/include/*.h', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const sources = import.meta.glob<string>('/board/bsp/src/*.c', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function browserBsp(): Bsp {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(headers)) {
    files[`${BSP_INCLUDE_DIR}/${baseName(path)}`] = text;
  }
  const sourcePaths = Object.keys(sources)
    .sort()
    .map((path) => {
      const virtual = `${BSP_SOURCE_DIR}/${baseName(path)}`;
      files[virtual] = sources[path]!;
      return virtual;
    });
  return { files, sources: sourcePaths };
}
