/**
 * The compiler's own headers (GCC ships these with the compiler, not with the C library):
 * <stdarg.h> on the engine's va intrinsics, <stddef.h>, <stdbool.h>, <stdint.h>, and a header for
 * the host hooks tests use. Mounted in the include tree's system directory. Their names exist
 * only where the header is included, as with GCC: without it, `uint32_t` is an unknown type name.
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
/* arm-none-eabi-gcc's __SIZE_TYPE__, __PTRDIFF_TYPE__ and __WCHAR_TYPE__ (AAPCS 7.1.1). */
typedef unsigned int size_t;
typedef int ptrdiff_t;
typedef unsigned int wchar_t;
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
  // arm-none-eabi's types (GCC's __INT32_TYPE__ is long int, __INTPTR_TYPE__ int, as newlib's
  // <machine/_default_types.h> has them).
  'stdint.h': `#ifndef _STDINT_H
#define _STDINT_H
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef long int32_t;
typedef unsigned long uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef int intptr_t;
typedef unsigned int uintptr_t;
#define INT8_MAX 127
#define INT8_MIN (-INT8_MAX - 1)
#define UINT8_MAX 255
#define INT16_MAX 32767
#define INT16_MIN (-INT16_MAX - 1)
#define UINT16_MAX 65535
#define INT32_MAX 2147483647L
#define INT32_MIN (-INT32_MAX - 1)
#define UINT32_MAX 4294967295UL
#define INT64_MAX 9223372036854775807LL
#define INT64_MIN (-INT64_MAX - 1)
#define UINT64_MAX 18446744073709551615ULL
#define INTPTR_MAX INT32_MAX
#define INTPTR_MIN INT32_MIN
#define UINTPTR_MAX UINT32_MAX
#define SIZE_MAX UINT32_MAX
#define INT8_C(c) c
#define UINT8_C(c) c
#define INT16_C(c) c
#define UINT16_C(c) c
#define INT32_C(c) c ## L
#define UINT32_C(c) c ## UL
#define INT64_C(c) c ## LL
#define UINT64_C(c) c ## ULL
#endif
`,
  // GCC's <float.h> for arm-none-eabi (its __FLT_*__ and __DBL_*__ values; long double is double).
  'float.h': `#ifndef _FLOAT_H___
#define _FLOAT_H___
#define FLT_RADIX 2
#define FLT_ROUNDS 1
#define FLT_EVAL_METHOD 0
#define DECIMAL_DIG 17
#define FLT_MANT_DIG 24
#define FLT_DIG 6
#define FLT_DECIMAL_DIG 9
#define FLT_MIN_EXP (-125)
#define FLT_MIN_10_EXP (-37)
#define FLT_MAX_EXP 128
#define FLT_MAX_10_EXP 38
#define FLT_MAX 3.4028234663852886e+38F
#define FLT_MIN 1.1754943508222875e-38F
#define FLT_EPSILON 1.1920928955078125e-7F
#define FLT_TRUE_MIN 1.4012984643248171e-45F
#define FLT_HAS_SUBNORM 1
#define DBL_MANT_DIG 53
#define DBL_DIG 15
#define DBL_DECIMAL_DIG 17
#define DBL_MIN_EXP (-1021)
#define DBL_MIN_10_EXP (-307)
#define DBL_MAX_EXP 1024
#define DBL_MAX_10_EXP 308
#define DBL_MAX ((double)1.7976931348623157e+308)
#define DBL_MIN ((double)2.2250738585072014e-308)
#define DBL_EPSILON ((double)2.2204460492503131e-16)
#define DBL_TRUE_MIN ((double)4.9406564584124654e-324)
#define DBL_HAS_SUBNORM 1
#define LDBL_MANT_DIG DBL_MANT_DIG
#define LDBL_DIG DBL_DIG
#define LDBL_MIN_EXP DBL_MIN_EXP
#define LDBL_MAX_EXP DBL_MAX_EXP
#define LDBL_MAX DBL_MAX
#define LDBL_MIN DBL_MIN
#define LDBL_EPSILON DBL_EPSILON
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
