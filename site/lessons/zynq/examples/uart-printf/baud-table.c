/*
 * A table with xil_printf: widths, '-', zero padding, hex, %c and
 * %%. For each baud rate it finds BAUDGEN (CD) and BAUDDIV (BDIV)
 * as XUartPs_SetBaudRate does, for the 100 MHz reference clock:
 * baud = 100 MHz / (CD x (BDIV + 1)).
 */
#include "xil_printf.h"
#include "xparameters.h"

#define REF_HZ XPAR_PS7_UART_1_UART_CLK_FREQ_HZ

static const u32 rates[] = {9600,   19200,  38400,  57600,
                            115200, 230400, 460800, 921600};

int main(void) {
  xil_printf("%-7s %5s %4s  %-7s %8s %7s %7s\r\n", "baud", "CD",
             "BDIV", "hex", "actual", "error", "us/char");
  for (int r = 0; r < 8; r++) {
    u32 baud = rates[r];
    u32 best_cd = 0, best_bdiv = 0, best_err = 0xFFFFFFFFU;
    for (u32 bdiv = 4; bdiv < 255; bdiv++) {
      u32 cd = REF_HZ / (baud * (bdiv + 1));
      if (cd < 1 || cd > 65535) continue;
      u32 actual = REF_HZ / (cd * (bdiv + 1));
      u32 err = actual > baud ? actual - baud : baud - actual;
      if (err < best_err) {
        best_err = err;
        best_cd = cd;
        best_bdiv = bdiv;
      }
    }
    u32 actual = REF_HZ / (best_cd * (best_bdiv + 1));
    /* No %f: the error in thousandths of a percent and the frame
       time (10 bits) in tenths of a microsecond, as integers. */
    u32 milli_pct = best_err * 100000U / baud;
    u32 tenth_us = (100000000U + actual / 2) / actual;
    xil_printf("%-7d %5d %4d  %04X/%02X %8d %c%d.%03d%% %5d.%d\r\n",
               baud, best_cd, best_bdiv, best_cd, best_bdiv, actual,
               actual >= baud ? '+' : '-', milli_pct / 1000,
               milli_pct % 1000, tenth_us / 10, tenth_us % 10);
  }
  xil_printf("\r\nAt reset: CD %d, BDIV %d, so %d baud.\r\n", 0x28B,
             0xF, REF_HZ / (0x28B * (0xF + 1)));
  return 0;
}
