/*
 * A small command line on UART1: read a line (with echo and
 * Backspace), then answer it. Try: help, hex 255, led 0xA5, sw.
 */
#include <string.h>
#include "sleep.h"
#include "xil_io.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xtime_l.h"
#include "xuartps_hw.h"

#define GPIO XPAR_AXI_GPIO_0_BASEADDR

static u32 now_us(void) {
  XTime t;
  XTime_GetTime(&t);
  return (u32)(t / COUNTS_PER_USECOND);
}

/*
 * Waits for a key. inbyte() alone would spin on SR.RXEMPTY; asking
 * first and sleeping 100 us (1.2 characters' time) between questions
 * lets the CPU rest, and the simulated board skip ahead.
 */
static char wait_key(void) {
  while (!XUartPs_IsReceiveData(STDIN_BASEADDRESS)) usleep(100);
  return inbyte();
}

/* Reads a line into buf, echoing each key. Enter may arrive as CR,
   LF or CR+LF. */
static int read_line(char *buf, int size) {
  static char last; /* an LF right after a CR is the same Enter */
  int n = 0;
  for (;;) {
    char c = wait_key();
    char before = last;
    last = c;
    if (c == '\n' && before == '\r') continue;
    if (c == '\r' || c == '\n') {
      xil_printf("\r\n");
      buf[n] = '\0';
      return n;
    }
    if (c == 0x7F || c == '\b') { /* Backspace: DEL or BS */
      if (n > 0) {
        n--;
        xil_printf("\b \b"); /* back, blank, back */
      }
    } else if (c >= ' ' && c <= '~' && n < size - 1) {
      buf[n++] = c;
      outbyte(c);
    }
  }
}

/* The value of a hex digit, or -1. */
static int digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decimal, or hex after 0x; returns 0 when s is not a number. */
static int parse_number(const char *s, u32 *value) {
  u32 base = 10, v = 0;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  }
  if (*s == '\0') return 0;
  for (; *s != '\0'; s++) {
    int d = digit(*s);
    if (d < 0 || d >= (int)base) return 0;
    v = v * base + (u32)d;
  }
  *value = v;
  return 1;
}

static void print_binary(u32 v) {
  int bit = 31;
  while (bit > 0 && !(v >> bit & 1)) bit--; /* no leading zeros */
  for (; bit >= 0; bit--) outbyte((v >> bit & 1) ? '1' : '0');
}

static void help(const char *command, const char *what) {
  xil_printf("  %-8s %s\r\n", command, what);
}

static int is(const char *line, const char *command) {
  return strcmp(line, command) == 0;
}

static void answer(char *line) {
  char *arg = strchr(line, ' ');
  u32 v = 0;
  if (arg != NULL) *arg++ = '\0';
  else arg = "";
  int number = parse_number(arg, &v);
  if (is(line, "help")) {
    help("hex N", "N in decimal, hex and binary (255 or 0xFF)");
    help("led N", "write N to the LEDs");
    help("sw", "read the switches");
    help("dots N", "print N dots and time it");
    help("time", "time since the program started");
  } else if (is(line, "sw")) {
    xil_printf("  switches = 0x%02X\r\n", Xil_In32(GPIO + 8));
  } else if (is(line, "time")) {
    u32 us = now_us();
    xil_printf("  %d.%06d s\r\n", us / 1000000, us % 1000000);
  } else if (!is(line, "hex") && !is(line, "led") && !is(line, "dots")) {
    xil_printf("  '%s': not a command I know; try help\r\n", line);
  } else if (!number) {
    xil_printf("  %s needs a number, such as 255 or 0xFF\r\n", line);
  } else if (is(line, "hex")) {
    xil_printf("  %u = 0x%08X = 0b", v, v);
    print_binary(v);
    xil_printf("\r\n");
  } else if (is(line, "led")) {
    Xil_Out32(GPIO, v & 0xFF);
    xil_printf("  LEDs = 0x%02X\r\n", v & 0xFF);
  } else { /* dots: the CPU does nothing else meanwhile */
    u32 start = now_us();
    for (u32 i = 0; i < v; i++) outbyte('.');
    u32 took = now_us() - start;
    xil_printf("\r\n  %u dots: %u us in outbyte\r\n", v, took);
  }
}

int main(void) {
  char line[48];
  XTime_StartTimer();
  Xil_Out32(GPIO + 4, 0x00); /* GPIO_TRI: LED pins are outputs */
  xil_printf("Zynq command line: type help and press Enter.\r\n");
  for (;;) {
    xil_printf("zynq> ");
    if (read_line(line, sizeof line) > 0) answer(line);
  }
}
