/**
 * The compiler's own headers (GCC ships these with the compiler, not with the C library):
 * <stdarg.h> on the engine's va intrinsics, <stddef.h>, <stdbool.h>, <stdint.h>, and a header for
 * the host hooks tests use. Mounted in the include tree's system directory.
 */
export const COMPILER_INCLUDE_DIR = '/usr/lib/gcc/arm-none-eabi/include';

export const COMPILER_HEADERS: Record<string, string> = {
  'stdarg.h': `#ifndef _STDARG_H
#define _STDARG_H
/* AAPCS 7.1.4: va_list walks the argument words the caller laid out (8-byte types 8-aligned). */
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(&(ap))
#define va_arg(ap, T) (*(T *)__builtin_va_arg_ptr(&(ap), sizeof(T), _Alignof(T)))
#define va_end(ap) __builtin_va_end(&(ap))
#define va_copy(d, s) ((d) = (s))
#endif
`,
  'stddef.h': `#ifndef _STDDEF_H
#define _STDDEF_H
#define NULL ((void *)0)
/* offsetof is a keyword-like form the parser knows (offsetof_expression). */
#endif
`,
  'stdbool.h': `#ifndef _STDBOOL_H
#define _STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#endif
`,
  // tree-sitter-c and the checker know the <stdint.h> names with arm-none-eabi's definitions.
  'stdint.h': `#ifndef _STDINT_H
#define _STDINT_H
#define INT8_MAX 127
#define UINT8_MAX 255
#define INT16_MAX 32767
#define UINT16_MAX 65535
#define INT32_MAX 2147483647L
#define INT32_MIN (-INT32_MAX - 1)
#define UINT32_MAX 4294967295UL
#endif
`,
  'limits.h': `#ifndef _LIMITS_H
#define _LIMITS_H
#define CHAR_BIT 8
#define CHAR_MIN 0
#define CHAR_MAX 255
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MAX 2147483647
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX 4294967295U
#define LONG_MAX 2147483647L
#define LONG_MIN (-LONG_MAX - 1L)
#define ULONG_MAX 4294967295UL
#define LLONG_MAX 9223372036854775807LL
#define LLONG_MIN (-LLONG_MAX - 1LL)
#define ULLONG_MAX 18446744073709551615ULL
#endif
`,
  'host.h': `#ifndef _HOST_H
#define _HOST_H
/* The simulator's console and exit, outside any simulated device (for tests and examples). */
int __host_putchar(int c);
void __host_exit(int code);
#endif
`,
};
