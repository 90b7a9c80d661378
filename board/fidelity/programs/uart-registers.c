/* UART1's registers as the FSBL leaves them, read through xuartps_hw.h, and a polled echo of none. */
#include "xil_printf.h"
#include "xparameters.h"
#include "xuartps_hw.h"

int main(void) {
  u32 mode = XUartPs_ReadReg(STDOUT_BASEADDRESS, XUARTPS_MR_OFFSET);
  u32 cd = XUartPs_ReadReg(STDOUT_BASEADDRESS, XUARTPS_BAUDGEN_OFFSET);
  u32 bdiv = XUartPs_ReadReg(STDOUT_BASEADDRESS, XUARTPS_BAUDDIV_OFFSET);
  xil_printf("mode 0x%x cd %d bdiv %d baud %d\r\n", mode, cd, bdiv, 100000000 / (cd * (bdiv + 1)));
  xil_printf("rx has data: %s\r\n", XUartPs_IsReceiveData(STDOUT_BASEADDRESS) ? "yes" : "no");
  return 0;
}
