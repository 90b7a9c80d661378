/*
 * UART1 by hand: no xil_printf and no driver, only Xil_In32 and
 * Xil_Out32 on the Cadence UART's registers (UG585 appendix B.33).
 * This is what outbyte() and inbyte() do underneath.
 */
#include "xil_io.h"

#define UART1 0xE0001000U
#define CR 0x00U      /* Control_reg0: TX/RX enable */
#define MR 0x04U      /* mode_reg0: character format */
#define BAUDGEN 0x18U /* Baud_rate_gen_reg0: CD */
#define SR 0x2CU      /* Channel_sts_reg0 */
#define FIFO 0x30U    /* TX_RX_FIFO0: write sends, read receives */
#define BAUDDIV 0x34U /* Baud_rate_divider_reg0: BDIV */

#define SR_RXEMPTY 0x02U  /* nothing received */
#define SR_TXEMPTY 0x08U  /* TX FIFO empty */
#define SR_TXFULL 0x10U   /* TX FIFO full: a byte written is lost */
#define SR_TACTIVE 0x800U /* a character is on the wire */

static void put_char(char c) {
  while (Xil_In32(UART1 + SR) & SR_TXFULL) {
    /* wait: the transmitter takes a byte every 87 us */
  }
  Xil_Out32(UART1 + FIFO, (u8)c);
}

static void put_str(const char *s) {
  while (*s) put_char(*s++);
}

static void put_hex(u32 v) { /* eight digits, like %08X */
  for (int shift = 28; shift >= 0; shift -= 4)
    put_char("0123456789ABCDEF"[(v >> shift) & 0xF]);
}

static void put_dec(u32 v) { /* like %u */
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) put_char(digits[--n]);
}

static char get_char(void) {
  while (Xil_In32(UART1 + SR) & SR_RXEMPTY) {
    /* wait for a byte from the terminal */
  }
  return (char)Xil_In32(UART1 + FIFO);
}

int main(void) {
  u32 cd = Xil_In32(UART1 + BAUDGEN);
  u32 bdiv = Xil_In32(UART1 + BAUDDIV);
  put_str("CR      0x");
  put_hex(Xil_In32(UART1 + CR));
  put_str("\r\nMR      0x");
  put_hex(Xil_In32(UART1 + MR));
  put_str("\r\nBAUDGEN ");
  put_dec(cd);
  put_str(", BAUDDIV ");
  put_dec(bdiv);
  put_str("\r\nbaud    100 MHz / (");
  put_dec(cd);
  put_str(" x ");
  put_dec(bdiv + 1);
  put_str(") = ");
  put_dec(100000000U / (cd * (bdiv + 1)));

  /* Most of that text still waits in the TX FIFO. Read SR now,
     when the FIFO is empty, and when the last character is out. */
  u32 busy = Xil_In32(UART1 + SR);
  while (!(Xil_In32(UART1 + SR) & SR_TXEMPTY)) {
  }
  u32 empty = Xil_In32(UART1 + SR);
  while (Xil_In32(UART1 + SR) & SR_TACTIVE) {
  }
  u32 idle = Xil_In32(UART1 + SR);
  put_str("\r\nSR      0x");
  put_hex(busy);
  put_str(" busy, 0x");
  put_hex(empty);
  put_str(" FIFO empty, 0x");
  put_hex(idle);
  put_str(" idle\r\n");

  put_str("Type: letters come back in upper case.\r\n");
  for (;;) {
    char c = get_char();
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    put_char(c);
    if (c == '\r') put_char('\n');
  }
}
