/*
 * Polled UART I/O (embeddedsw drivers/uartps/src/xuartps_hw.c), written for ShuffleNet Lab. The
 * BSP's outbyte/inbyte, which call these for a UART stdout, are in outbyte.c.
 */
#include "xparameters.h"
#include "xuartps_hw.h"

void XUartPs_SendByte(u32 BaseAddress, u8 Data) {
  /* Wait until there is room in the 64-byte TX FIFO. */
  while (XUartPs_IsTransmitFull(BaseAddress)) {
#ifdef XPAR_SIM_WAKE_BASEADDR
    /* Simulated board: doze 15 us (a sixth of a 115200-baud frame) between checks. */
    Xil_Out32(XPAR_SIM_WAKE_BASEADDR + 8U, 10000U);
    wfe();
#endif
  }
  XUartPs_WriteReg(BaseAddress, XUARTPS_FIFO_OFFSET, (u32)Data);
}

u8 XUartPs_RecvByte(u32 BaseAddress) {
  /* Wait for a byte in the RX FIFO (UG585 B.33 SR.RXEMPTY). */
  while (!XUartPs_IsReceiveData(BaseAddress)) {
#ifdef XPAR_SIM_WAKE_BASEADDR
    /*
     * Simulated board: doze 15 us between checks, as XUartPs_SendByte does. A bare spin costs
     * the simulator a statement per check, so a program waiting in inbyte() ran slower than real
     * time; a byte arrives at most every 87 us at 115200 baud, so no byte waits long.
     */
    Xil_Out32(XPAR_SIM_WAKE_BASEADDR + 8U, 10000U);
    wfe();
#endif
  }
  return (u8)XUartPs_ReadReg(BaseAddress, XUARTPS_FIFO_OFFSET);
}
