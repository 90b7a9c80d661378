/*
 * The state the boot ROM, the FSBL and the BSP's boot code leave for main, on QEMU's
 * xilinx-zynq-a9: the BSP's default translation table with the MMU and caches on, and UART1 at
 * 115200 8N1 with its transmitter and receiver enabled (the simulated board starts that way; QEMU
 * resets the UART disabled and drops what is written to it). Then, after main, a semihosting exit
 * once UART1 has sent everything.
 *
 * Reference: embeddedsw lib/bsp/standalone/src/arm/cortexa9/gcc/translation_table.S (the sections
 * and their attributes, as board/memory-attributes.ts has them) and boot.S (TTBR0, DACR, SCTLR);
 * UG585 appendix B (uart: CR 0x00, MR 0x04, BAUDGEN 0x18, SR 0x2C with TXEMPTY bit 3, BAUDDIV 0x34;
 * 100 MHz / (124 x 7) = 115200 baud); ARM ARM v7-A B4.1.130 (SCTLR: M bit 0, C bit 2, Z bit 11,
 * I bit 12).
 */
#include "xil_mmu.h"
#include "xil_types.h"

#define REG(a) (*(volatile u32 *)(a))
#define UART1 0xE0001000U
#define OCM_DEFAULT 0x4C0EU

u32 MMUTable[4096] __attribute__((aligned(16384)));

static u32 default_attribute(u32 mb) {
  if (mb < 0x400U) return NORM_WB_CACHE; /* DDR */
  if (mb < 0xC00U) return STRONG_ORDERED; /* M_AXI_GP0 and GP1 */
  if (mb < 0xE00U) return 0U;
  if (mb < 0xE03U) return DEVICE_MEMORY; /* IOP devices */
  if (mb < 0xE10U) return 0U;
  if (mb < 0xE40U) return DEVICE_MEMORY; /* NAND, NOR */
  if (mb < 0xE60U) return NORM_WB_CACHE; /* SRAM */
  if (mb < 0xF80U) return 0U;
  if (mb < 0xF90U) return DEVICE_MEMORY; /* APB peripherals, SCU, GIC */
  if (mb < 0xFC0U) return 0U;
  if (mb < 0xFE0U) return NORM_WT_CACHE; /* linear QSPI */
  if (mb < 0xFFFU) return 0U;
  return OCM_DEFAULT;
}

static void mmu_on(void) {
  u32 i;
  u32 sctlr;
  for (i = 0U; i < 4096U; i++) MMUTable[i] = (i << 20) | default_attribute(i);
  __asm__ __volatile__("mcr p15, 0, %0, c2, c0, 2" : : "r"(0U));             /* TTBCR: TTBR0 only */
  __asm__ __volatile__("mcr p15, 0, %0, c2, c0, 0" : : "r"((u32)MMUTable)); /* TTBR0 */
  __asm__ __volatile__("mcr p15, 0, %0, c3, c0, 0" : : "r"(0x55555555U));   /* DACR: client */
  __asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0" : : "r"(0U));            /* TLBIALL */
  __asm__ __volatile__("dsb\n isb");
  __asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
  sctlr |= (1U << 0) | (1U << 2) | (1U << 11) | (1U << 12);
  __asm__ __volatile__("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr));
  __asm__ __volatile__("isb");
}

static void uart_as_fsbl_leaves_it(void) {
  REG(UART1 + 0x00U) = 0x03U; /* CR: reset RX and TX */
  REG(UART1 + 0x04U) = 0x20U; /* MR: 8 data bits, no parity, 1 stop bit */
  REG(UART1 + 0x18U) = 124U;  /* BAUDGEN */
  REG(UART1 + 0x34U) = 6U;    /* BAUDDIV */
  REG(UART1 + 0x00U) = 0x14U; /* CR: RX_EN, TX_EN */
}

void hw_init(void) {
  mmu_on();
  uart_as_fsbl_leaves_it();
}

extern u32 hw_semihost(u32 op, u32 param);

static void exit_when_sent(u32 reason) {
  while ((REG(UART1 + 0x2CU) & 0x8U) == 0U) {
  }
  (void)hw_semihost(0x18U, reason); /* SYS_EXIT */
  for (;;) {
  }
}

/* After main: ADP_Stopped_ApplicationExit, QEMU's exit status 0. */
void hw_exit(void) { exit_when_sent(0x20026U); }

/* In the data abort handler: ADP_Stopped_RunTimeErrorUnknown, QEMU's exit status 1. */
void hw_abort(void) { exit_when_sent(0x20023U); }
