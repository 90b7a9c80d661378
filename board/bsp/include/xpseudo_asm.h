/*
 * xpseudo_asm.h: the BSP's wrappers for single instructions (embeddedsw cortexa9/gcc/xpseudo_asm_gcc.h).
 * The simulated CPU runs the inline assembly the firmware engine knows: barriers, events, WFI and
 * moves to and from the CPSR. mfcpsr is a function here where Xilinx uses a GNU statement expression.
 */
#ifndef XPSEUDO_ASM_H
#define XPSEUDO_ASM_H

#include "xil_types.h"
#include "xreg_cortexa9.h"

#define isb() __asm__ __volatile__("isb sy")
#define dsb() __asm__ __volatile__("dsb sy")
#define dmb() __asm__ __volatile__("dmb sy")
#define sev() __asm__ __volatile__("sev")
#define wfe() __asm__ __volatile__("wfe")
#define wfi() __asm__ __volatile__("wfi")
#define nop() __asm__ __volatile__("nop")

static inline u32 mfcpsr(void) {
  u32 rval = 0U;
  __asm__ __volatile__("mrs %0, cpsr\n" : "=r"(rval));
  return rval;
}
#define mtcpsr(v) __asm__ __volatile__("msr cpsr,%0\n" : : "r"(v) : "cc")

#endif
