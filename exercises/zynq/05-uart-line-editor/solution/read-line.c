#include "xil_printf.h"

#define BELL 0x07

/*
 * Reads one line from UART1 into buf (at most size - 1 characters and a '\0'), echoing it as a
 * terminal expects, and returns its length.
 */
int read_line(char *buf, int size) {
  /* Enter may come as CR, LF or CR LF: an LF right after a CR ends no second line. It is static
     because the CR ended the previous call's line. */
  static char last;
  int n = 0;
  for (;;) {
    char c = inbyte();
    char before = last;
    last = c;
    if (c == '\n' && before == '\r') {
      continue;
    }
    if (c == '\r' || c == '\n') {
      xil_printf("\r\n");
      buf[n] = '\0';
      return n;
    }
    if (c == '\b' || c == 0x7F) {
      /* The terminal shows the erase as back, blank, back: "\b" alone only moves the cursor. */
      if (n > 0) {
        n--;
        xil_printf("\b \b");
      } else {
        outbyte(BELL);
      }
    } else if (c >= ' ' && c <= '~') {
      /* size - 1 characters at most: the last byte of buf is the terminating '\0'. */
      if (n < size - 1) {
        buf[n++] = c;
        outbyte(c);
      } else {
        outbyte(BELL);
      }
    }
  }
}
