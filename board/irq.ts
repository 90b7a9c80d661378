/**
 * Interrupt IDs on the Zynq-7000, one map for the GIC and every device that raises a line. Named
 * after UG585 section 7.2 (Table 7-3, the private peripheral interrupts of each CPU, and Table 7-4,
 * the shared peripheral interrupts); the comments give the matching `XPS_*_INT_ID` of embeddedsw's
 * `xparameters_ps.h`.
 */
export const IRQ = {
  /** PPI 27, "Global Timer" (XPS_GLOBAL_TMR_INT_ID). */
  GLOBAL_TIMER: 27,
  /** PPI 29, "CPU Private Timer" (XPS_SCU_TMR_INT_ID). */
  CPU_PRIVATE_TIMER: 29,
  /** PPI 30, "AWDT", the CPU's private watchdog (XPS_SCU_WDT_INT_ID). */
  AWDT: 30,
  /** SPI 59, "UART 0" (XPS_UART0_INT_ID). */
  UART0: 59,
  /** SPI 61, "PL [0]", IRQF2P[0] from the fabric (XPS_FPGA0_INT_ID). */
  PL0: 61,
  /** SPI 62, "PL [1]", IRQF2P[1] from the fabric (XPS_FPGA1_INT_ID). */
  PL1: 62,
  /** SPI 82, "UART 1" (XPS_UART1_INT_ID). */
  UART1: 82,
} as const;

export type IrqId = (typeof IRQ)[keyof typeof IRQ];
