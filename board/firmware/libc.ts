/**
 * A small C library, written in C and compiled by the engine itself, linked the way ld links
 * an archive: a member is pulled in only when it defines a symbol that is still undefined, so a
 * learner's own `memcpy` wins and a missing function still fails as `undefined reference`.
 * The heap is the lscript.ld region between `_heap_start` and `_heap_end`.
 */
export interface LibraryMember {
  readonly name: string;
  readonly defines: readonly string[];
  readonly source: string;
}

import { MATH_DEFINES, MATH_H, MATH_SOURCE } from './cmath.ts';

const sizeT = 'typedef unsigned int size_t;\n';

export const LIBC: readonly LibraryMember[] = [
  {
    name: 'memcpy.o',
    defines: ['memcpy'],
    source: `${sizeT}void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst; const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}`,
  },
  {
    name: 'memmove.o',
    defines: ['memmove'],
    source: `${sizeT}void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst; const unsigned char *s = src;
  if (d < s) while (n--) *d++ = *s++;
  else { d += n; s += n; while (n--) *--d = *--s; }
  return dst;
}`,
  },
  {
    name: 'memset.o',
    defines: ['memset'],
    source: `${sizeT}void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}`,
  },
  {
    name: 'memcmp.o',
    defines: ['memcmp'],
    source: `${sizeT}int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = a, *q = b;
  for (; n; n--, p++, q++) if (*p != *q) return *p - *q;
  return 0;
}`,
  },
  {
    name: 'strlen.o',
    defines: ['strlen'],
    source: `${sizeT}size_t strlen(const char *s) { const char *p = s; while (*p) p++; return p - s; }`,
  },
  {
    name: 'strcmp.o',
    defines: ['strcmp', 'strncmp'],
    source: `${sizeT}int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return (unsigned char)*a - (unsigned char)*b;
}
int strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) { if (*a != *b || !*a) return (unsigned char)*a - (unsigned char)*b; }
  return 0;
}`,
  },
  {
    name: 'strcpy.o',
    defines: ['strcpy', 'strncpy', 'strcat'],
    source: `${sizeT}char *strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)); return r; }
char *strncpy(char *d, const char *s, size_t n) {
  char *r = d;
  while (n && *s) { *d++ = *s++; n--; }
  while (n--) *d++ = 0;
  return r;
}
char *strcat(char *d, const char *s) { char *r = d; while (*d) d++; while ((*d++ = *s++)); return r; }`,
  },
  {
    name: 'strchr.o',
    defines: ['strchr'],
    source: `char *strchr(const char *s, int c) {
  for (;; s++) { if (*s == (char)c) return (char *)s; if (!*s) return 0; }
}`,
  },
  {
    name: 'abs.o',
    defines: ['abs', 'labs'],
    source: `int abs(int v) { return v < 0 ? -v : v; }
long labs(long v) { return v < 0 ? -v : v; }`,
  },
  {
    name: 'atoi.o',
    defines: ['atoi'],
    source: `int atoi(const char *s) {
  int sign = 1, v = 0;
  while (*s == ' ' || *s == '\\t' || *s == '\\n') s++;
  if (*s == '-' || *s == '+') { if (*s == '-') sign = -1; s++; }
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return sign * v;
}`,
  },
  {
    name: 'rand.o',
    defines: ['rand', 'srand'],
    // newlib's rand: a 64-bit LCG (Knuth's MMIX constants), 31 bits out.
    source: `static unsigned long long next = 1;
void srand(unsigned seed) { next = seed; }
int rand(void) {
  next = next * 6364136223846793005ULL + 1;
  return (int)((next >> 32) & 0x7fffffff);
}`,
  },
  {
    name: 'exit.o',
    defines: ['exit', 'abort'],
    // The BSP's _exit spins forever; here the thread ends and the host sees the status.
    source: `void exit(int code) { __host_exit(code); }
void abort(void) { __host_exit(134); }`,
  },
  {
    name: 'malloc.o',
    defines: ['malloc', 'free', 'calloc'],
    source: `${sizeT}extern char _heap_start[];
extern char _heap_end[];
struct block { size_t size; struct block *next; };
static char *brk;
static struct block *free_list;
void *malloc(size_t n) {
  n = (n + 7) & ~7u;
  struct block **pp = &free_list;
  for (struct block *b = free_list; b; pp = &b->next, b = b->next) {
    if (b->size >= n) { *pp = b->next; return (char *)b + 8; }
  }
  if (!brk) brk = _heap_start;
  if (n > (size_t)(_heap_end - brk) - 8) return 0;
  struct block *b = (struct block *)brk;
  b->size = n;
  brk += n + 8;
  return (char *)b + 8;
}
void free(void *p) {
  if (!p) return;
  struct block *b = (struct block *)((char *)p - 8);
  b->next = free_list;
  free_list = b;
}
void *calloc(size_t count, size_t size) {
  size_t n = count * size;
  unsigned char *p = malloc(n);
  if (p) for (size_t i = 0; i < n; i++) p[i] = 0;
  return p;
}`,
  },
  { name: 'math.o', defines: MATH_DEFINES, source: MATH_SOURCE },
  {
    name: 'assert.o',
    defines: ['__assert_func'],
    // newlib prints the message to stderr, which the board does not have, then aborts.
    source: `void __assert_func(const char *file, int line, const char *func, const char *expr) {
  (void)file; (void)line; (void)func; (void)expr;
  __host_exit(134);
}`,
  },
];

/** Declarations for the library, as newlib's headers provide them. */
export const LIBC_HEADERS: Record<string, string> = {
  'string.h': `#ifndef _STRING_H
#define _STRING_H
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strchr(const char *s, int c);
#endif
`,
  'stdlib.h': `#ifndef _STDLIB_H
#define _STDLIB_H
#include <stddef.h>
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t count, size_t size);
int abs(int v);
long labs(long v);
int atoi(const char *s);
int rand(void);
void srand(unsigned seed);
void exit(int code);
void abort(void);
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647
#endif
`,
  'math.h': MATH_H,
  // newlib's <assert.h>: NDEBUG removes the check; a failure calls __assert_func.
  'assert.h': `#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
void __assert_func(const char *file, int line, const char *func, const char *expr);
#define assert(e) ((e) ? (void)0 : __assert_func(__FILE__, __LINE__, __func__, #e))
#endif
`,
};
