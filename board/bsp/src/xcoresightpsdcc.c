/*
 * The JTAG UART's polled send and receive over the CPU's debug communications channel (embeddedsw
 * XilinxProcessorIPLib/drivers/coresightps_dcc/src/xcoresightpsdcc.c), written for ShuffleNet Lab.
 * Status is DBGDSCRint (CP14 c0, c1, 0): bit 30 RXfull, bit 29 TXfull; data is DBGDTRTXint on a
 * write and DBGDTRRXint on a read (CP14 c0, c5, 0) (ARM ARM v7-A, the DCC registers).
 *
 * The simulated CPU has no CP14: the board shows the registers in a window at
 * XPAR_SIM_DCC_BASEADDR, word CRm * 4 (board/devices/dcc.ts). Built for hardware
 * (BSP_ON_HARDWARE) this uses mrc/mcr p14 as Xilinx's driver does.
 */
#include "xcoresightpsdcc.h"
#include "xil_io.h"
#include "xparameters.h"
#include "xpseudo_asm.h"

#define XCORESIGHTPS_DCC_STATUS_RX (1U << 30)
#define XCORESIGHTPS_DCC_STATUS_TX (1U << 29)

#ifdef XPAR_SIM_DCC_BASEADDR
#define DCC_DBGDSCR (XPAR_SIM_DCC_BASEADDR + 0x04U)
#define DCC_DBGDTR (XPAR_SIM_DCC_BASEADDR + 0x14U)

static u32 XCoresightPs_DccGetStatus(void) { return Xil_In32(DCC_DBGDSCR); }
static void dcc_write(u8 Data) { Xil_Out32(DCC_DBGDTR, (u32)Data); }
static u8 dcc_read(void) { return (u8)Xil_In32(DCC_DBGDTR); }

/* Simulated board: doze 5 us between checks instead of spinning a statement per check. */
static void dcc_wait(void) {
  Xil_Out32(XPAR_SIM_WAKE_BASEADDR + 8U, 3333U);
  wfe();
}
#else
static u32 XCoresightPs_DccGetStatus(void) {
  u32 Status = 0U;
  __asm__ __volatile__("mrc p14, 0, %0, c0, c1, 0" : "=r"(Status) : : "cc");
  return Status;
}
static void dcc_write(u8 Data) { __asm__ __volatile__("mcr p14, 0, %0, c0, c5, 0" : : "r"(Data)); }
static u8 dcc_read(void) {
  u32 Data;
  __asm__ __volatile__("mrc p14, 0, %0, c0, c5, 0" : "=r"(Data));
  return (u8)Data;
}
static void dcc_wait(void) { dsb(); }
#endif

void XCoresightPs_DccSendByte(u32 BaseAddress, u8 Data) {
  (void)BaseAddress;
  /* Wait until the debugger has taken the previous word (TXfull clear). */
  while (XCoresightPs_DccGetStatus() & XCORESIGHTPS_DCC_STATUS_TX) {
    dcc_wait();
  }
  dcc_write(Data);
  isb();
}

u8 XCoresightPs_DccRecvByte(u32 BaseAddress) {
  u8 Data;
  (void)BaseAddress;
  /* Wait until the debugger has written a word (RXfull set). */
  while (!(XCoresightPs_DccGetStatus() & XCORESIGHTPS_DCC_STATUS_RX)) {
    dcc_wait();
  }
  Data = dcc_read();
  isb();
  return Data;
}
