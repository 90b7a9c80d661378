/*
 * Xil_SetTlbAttributes (embeddedsw cortexa9/xil_mmu.c). On hardware it rewrites MMUTable[Addr / 1 MB]
 * in memory and then invalidates the TLB and the branch predictor through CP15. The simulated CPU
 * has no CP15, so the board shows its translation table as a 4096-word window at 0xF8F04000 (a
 * reserved hole in the SCU's address space) where writing a descriptor takes effect at once, as the
 * TLB invalidation makes it on hardware. Built for hardware (BSP_ON_HARDWARE, see xparameters.h) it
 * does what Xilinx's does, on the table the boot code set up.
 */
#include "xil_cache.h"
#include "xil_mmu.h"
#include "xparameters.h"
#include "xpseudo_asm.h"

#ifdef XPAR_SIM_MMU_TABLE_BASEADDR
void Xil_SetTlbAttributes(INTPTR Addr, u32 attrib) {
  volatile u32 *MMUTable = (volatile u32 *)XPAR_SIM_MMU_TABLE_BASEADDR;
  u32 section = ((u32)Addr) / 0x100000U;
  MMUTable[section] = (((u32)Addr) & 0xFFF00000U) | attrib;
  Xil_DCacheFlush();
  dsb();
  isb();
}

/* The simulated MMU is always on, with the BSP's table. */
void Xil_EnableMMU(void) {}
void Xil_DisableMMU(void) {}
#else
extern u32 MMUTable[];

void Xil_SetTlbAttributes(INTPTR Addr, u32 attrib) {
  u32 section = ((u32)Addr) / 0x100000U;
  MMUTable[section] = (((u32)Addr) & 0xFFF00000U) | attrib;
  Xil_DCacheFlush();
  /* TLBIALL (invalidate the unified TLB), BPIALL (the branch predictor), then wait for both. */
  __asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0" : : "r"(0U));
  __asm__ __volatile__("mcr p15, 0, %0, c7, c5, 6" : : "r"(0U));
  dsb();
  isb();
}

void Xil_EnableMMU(void) {
  u32 sctlr;
  __asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
  __asm__ __volatile__("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr | 0x5U));
  isb();
}

void Xil_DisableMMU(void) {
  u32 sctlr;
  __asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
  __asm__ __volatile__("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr & ~0x5U));
  isb();
}
#endif
