/*
 * xil_printf: the Xilinx BSP's printf subset, written for ShuffleNet Lab to behave like embeddedsw
 * common/xil_printf.c on a Cortex-A9:
 * - conversions d i u x X c s %, with a width, '0' padding, '-' (left) and '.' precision for s;
 *   the conversion letter is lower-cased first, so %D works and %X prints like %x;
 * - hex digits are upper case (from "0123456789ABCDEF");
 * - 'l' is skipped (32-bit values only without SUPPORT_64BIT_PRINT), %p prints like %x;
 * - anything else (%f, %e, %o, ...) prints nothing and does not consume its argument;
 * - zero padding goes before a minus sign ("%05d" of -5 prints "000-5"), as Xilinx's outnum does;
 * - characters go to outbyte unchanged: no "\n" to "\r\n" translation.
 */
#include "xil_printf.h"
#include "xil_types.h"

typedef struct {
  s32 len;           /* length of the converted text */
  s32 num1;          /* the width */
  s32 num2;          /* the precision (characters of a string) */
  char8 pad_character;
  s32 do_padding;
  s32 left_flag;
  s32 unsigned_flag;
} params_t;

static s32 is_digit(char8 c) { return c >= '0' && c <= '9'; }

static s32 text_length(const char8 *s) {
  s32 n = 0;
  while (s[n] != (char8)0) n++;
  return n;
}

/* Pads with pad_character up to the width when padding applies on this side. */
static void padding(s32 this_side, const params_t *par) {
  s32 i;
  if (par->do_padding != 0 && this_side != 0 && par->len < par->num1) {
    for (i = par->len; i < par->num1; i++) outbyte(par->pad_character);
  }
}

static void outs(const char8 *lp, params_t *par) {
  const char8 *p = lp;
  if (p != NULL) {
    par->len = text_length(p);
    padding(!(par->left_flag), par);
    while (*p != (char8)0 && par->num2 != 0) {
      par->num2--;
      outbyte(*p);
      p++;
    }
  }
  padding(par->left_flag, par);
}

static void outnum(s32 n, s32 base, params_t *par) {
  const char8 digits[] = "0123456789ABCDEF";
  char8 outbuf[32];
  s32 negative = 0;
  s32 i = 0;
  u32 num;
  if (par->unsigned_flag == 0 && base == 10 && n < 0) {
    negative = 1;
    num = (u32)(-n);
  } else {
    num = (u32)n;
  }
  do {
    outbuf[i] = digits[num % (u32)base];
    i++;
    num /= (u32)base;
  } while (num > 0U);
  if (negative != 0) {
    outbuf[i] = '-';
    i++;
  }
  outbuf[i] = (char8)0;
  par->len = i;
  padding(!(par->left_flag), par);
  while (i > 0) {
    i--;
    outbyte(outbuf[i]);
  }
  padding(par->left_flag, par);
}

static s32 getnum(const char8 **linep) {
  s32 n = 0;
  const char8 *cptr = *linep;
  while (is_digit(*cptr)) {
    n = n * 10 + (s32)(*cptr - '0');
    cptr++;
  }
  *linep = cptr;
  return n;
}

void xil_vprintf(const char8 *ctrl1, va_list argp) {
  const char8 *ctrl = ctrl1;
  params_t par;
  s32 dot_flag;
  s32 done;
  char8 ch;
  while (ctrl != NULL && *ctrl != (char8)0) {
    if (*ctrl != '%') {
      outbyte(*ctrl);
      ctrl++;
      continue;
    }
    dot_flag = 0;
    par.unsigned_flag = 0;
    par.left_flag = 0;
    par.do_padding = 0;
    par.pad_character = ' ';
    par.num2 = 32767;
    par.num1 = 0;
    par.len = 0;
    done = 0;
    while (done == 0) {
      ctrl++;
      ch = *ctrl;
      if (is_digit(ch)) {
        if (dot_flag != 0) {
          par.num2 = getnum(&ctrl);
        } else {
          if (ch == '0') par.pad_character = '0';
          par.num1 = getnum(&ctrl);
          par.do_padding = 1;
        }
        ctrl--;
        continue;
      }
      if (ch >= 'A' && ch <= 'Z') ch = (char8)(ch - 'A' + 'a');
      switch (ch) {
        case '%':
          outbyte('%');
          done = 1;
          break;
        case '-':
          par.left_flag = 1;
          break;
        case '.':
          dot_flag = 1;
          break;
        case 'l':
          break;
        case 'u':
          par.unsigned_flag = 1;
          outnum(va_arg(argp, s32), 10, &par);
          done = 1;
          break;
        case 'i':
        case 'd':
          outnum(va_arg(argp, s32), 10, &par);
          done = 1;
          break;
        case 'p':
        case 'x':
          par.unsigned_flag = 1;
          outnum(va_arg(argp, s32), 16, &par);
          done = 1;
          break;
        case 's':
          outs(va_arg(argp, char8 *), &par);
          done = 1;
          break;
        case 'c':
          outbyte((char8)va_arg(argp, s32));
          done = 1;
          break;
        default:
          /* An unsupported conversion (or the end of the string) prints nothing. */
          done = 1;
          break;
      }
    }
    if (*ctrl != (char8)0) ctrl++;
  }
}

void xil_printf(const char8 *ctrl1, ...) {
  va_list argp;
  va_start(argp, ctrl1);
  xil_vprintf(ctrl1, argp);
  va_end(argp);
}

void print(const char8 *ptr) {
  while (*ptr != (char8)0) {
    outbyte(*ptr);
    ptr++;
  }
}
