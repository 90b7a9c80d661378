/** Where the BSP sits in the firmware engine's virtual file tree (no fs: browser-safe). */
export const BSP_INCLUDE_DIR = '/bsp/include';
export const BSP_SOURCE_DIR = '/bsp/src';
