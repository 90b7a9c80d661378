/*
 * xil_types.h: the Xilinx standalone BSP's basic types, for a 32-bit Cortex-A9.
 * Written for ShuffleNet Lab's simulated Zynq-7000; names and meanings as in Xilinx embeddedsw
 * lib/bsp/standalone/src/common/xil_types.h.
 */
#ifndef XIL_TYPES_H
#define XIL_TYPES_H

/* As embeddedsw's: every BSP user gets <stdint.h>'s and <stddef.h>'s types (and NULL) with it. */
#include <stdint.h>
#include <stddef.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef char char8;
typedef int sint32;
typedef unsigned long ULONG;
typedef u32 UINTPTR;
typedef s32 INTPTR;

typedef void (*XInterruptHandler)(void *InstancePtr);
typedef void (*XExceptionHandler)(void *InstancePtr);

#ifndef TRUE
#define TRUE 1U
#endif
#ifndef FALSE
#define FALSE 0U
#endif
#ifndef NULL
#define NULL 0U
#endif

#define XIL_COMPONENT_IS_READY 0x11111111U
#define XIL_COMPONENT_IS_STARTED 0x22222222U

#define UPPER_32_BITS(n) ((u32)(((n) >> 16) >> 16))
#define LOWER_32_BITS(n) ((u32)(n))

#endif
