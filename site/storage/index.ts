/**
 * Browser storage for the whole site: one opened localStorage (or a memory stand-in), one key
 * layout (`shufflenet-lab:v1:<namespace>:…`), corrupt entries set aside. Islands import from here.
 */
export {
  createStorageCore,
  KEY_PREFIX,
  MemoryStorage,
  NAMESPACES,
  openBrowserStorage,
  resetBrowserStorage,
  SCHEMA_VERSION,
  storageKey,
  type CorruptEntry,
  type Namespace,
  type OpenedStorage,
  type StorageLike,
  type WriteResult,
} from './browser-storage.ts';
export {
  createProgressStore,
  emptyProgress,
  starterHash,
  type ExerciseProgress,
  type ProgressStore,
} from './progress-store.ts';
export {
  boardFilesKey,
  createBoardFileStore,
  LEGACY_BOARD_PREFIX,
  type BoardFiles,
  type BoardFileStore,
} from './board-files.ts';
export {
  createSettingsStore,
  settingKey,
  SETTINGS,
  type SettingName,
  type SettingsStore,
  type SettingValue,
} from './settings.ts';
export { createVisitStore, visitKey, type VisitStore } from './visited.ts';
