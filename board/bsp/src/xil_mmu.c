/*
 * Xil_SetTlbAttributes (embeddedsw cortexa9/xil_mmu.c) for the simulated board. On hardware it
 * rewrites MMUTable[Addr / 1 MB] in memory and then invalidates the TLB and the branch predictor
 * through CP15. The simulated CPU has no CP15, so the board shows its translation table as a
 * 4096-word window at 0xF8F04000 (a reserved hole in the SCU's address space) where writing a
 * descriptor takes effect at once, as the TLB invalidation makes it on hardware.
 */
#include "xil_cache.h"
#include "xil_mmu.h"
#include "xpseudo_asm.h"

#define SIM_MMU_TABLE_BASEADDR 0xF8F04000U

void Xil_SetTlbAttributes(INTPTR Addr, u32 attrib) {
  volatile u32 *MMUTable = (volatile u32 *)SIM_MMU_TABLE_BASEADDR;
  u32 section = ((u32)Addr) / 0x100000U;
  MMUTable[section] = (((u32)Addr) & 0xFFF00000U) | attrib;
  Xil_DCacheFlush();
  dsb();
  isb();
}

/* The simulated MMU is always on, with the BSP's table. */
void Xil_EnableMMU(void) {}
void Xil_DisableMMU(void) {}
