/*
 * The firmware engine's intrinsics that the BSP's C sources use, as GCC sees them when the BSP is
 * built for QEMU or silicon (force-included with -include): the core's number from MPIDR and the
 * CPSR (ARM ARM v7-A B4.1.106 MPIDR, A2.5 CPSR). The engine provides the same names itself.
 */
#ifndef FIDELITY_INTRINSICS_H
#define FIDELITY_INTRINSICS_H

static inline unsigned int __cpu_id(void) {
  unsigned int mpidr;
  __asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
  return mpidr & 0x3U;
}

static inline unsigned int __get_cpsr(void) {
  unsigned int v;
  __asm__ __volatile__("mrs %0, cpsr" : "=r"(v));
  return v;
}

static inline void __set_cpsr(unsigned int v) { __asm__ __volatile__("msr cpsr_c, %0" : : "r"(v) : "cc"); }

#endif
