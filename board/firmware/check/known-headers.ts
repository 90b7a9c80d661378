/**
 * The C library names GCC 12 knows the header of (gcc/c-family/known-headers.cc,
 * get_stdlib_header_for_name, its C column; the <stdbool.h> and <stdint.h> rows count from C99, so
 * with -std=gnu11). For such a name GCC makes no "did you mean" suggestion (spellcheck.ts) but adds,
 * after `unknown type name` or `undeclared`, the note
 *   'uint32_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?
 * (suggest_missing_header in the same file).
 */
const BY_HEADER: Record<string, string> = {
  'assert.h': 'assert',
  'errno.h': 'errno',
  'limits.h':
    'CHAR_BIT CHAR_MAX CHAR_MIN INT_MAX INT_MIN LLONG_MAX LLONG_MIN LONG_MAX LONG_MIN MB_LEN_MAX ' +
    'SCHAR_MAX SCHAR_MIN SHRT_MAX SHRT_MIN UCHAR_MAX UINT_MAX ULLONG_MAX ULONG_MAX USHRT_MAX',
  'float.h': 'DBL_MAX DBL_MIN FLT_MAX FLT_MIN LDBL_MAX LDBL_MIN',
  'stdarg.h': 'va_list',
  'stddef.h': 'NULL offsetof ptrdiff_t size_t wchar_t',
  'stdio.h':
    'BUFSIZ EOF FILE FILENAME_MAX fopen fpos_t getchar printf snprintf sprintf stderr stdin stdout',
  'stdlib.h': 'EXIT_FAILURE EXIT_SUCCESS abort atexit calloc exit free getenv malloc realloc',
  'string.h':
    'memchr memcmp memcpy memmove memset strcat strchr strcmp strcpy strerror strlen strncat ' +
    'strncmp strncpy strrchr strspn strstr',
  'time.h': 'asctime clock clock_t ctime difftime gmtime localtime mktime strftime time time_t tm',
  'wchar.h': 'WCHAR_MAX WCHAR_MIN',
  'stdbool.h': 'bool true false',
  'stdint.h':
    'PTRDIFF_MAX PTRDIFF_MIN SIG_ATOMIC_MAX SIG_ATOMIC_MIN SIZE_MAX WINT_MAX WINT_MIN int8_t ' +
    'uint8_t int16_t uint16_t int32_t uint32_t int64_t uint64_t intptr_t uintptr_t INT8_MAX ' +
    'INT16_MAX INT32_MAX INT64_MAX UINT8_MAX UINT16_MAX UINT32_MAX UINT64_MAX INTPTR_MAX UINTPTR_MAX',
};

const HEADER_OF = new Map(
  Object.entries(BY_HEADER).flatMap(([header, names]) =>
    names.split(' ').map((name) => [name, header] as const),
  ),
);

/** The header GCC names for `name` (`stdint.h` for `uint32_t`), or undefined. */
export function knownHeaderOf(name: string): string | undefined {
  return HEADER_OF.get(name);
}

/** GCC 12's note for a known name used without its header (c-family/known-headers.cc). */
export function missingHeaderNote(name: string, header: string): string {
  return `'${name}' is defined in header '<${header}>'; did you forget to '#include <${header}>'?`;
}
