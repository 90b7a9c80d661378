/*
 * xil_io.h: register access as the Xilinx BSP does it (embeddedsw common/xil_io.h). Each function
 * is one volatile load or store of its width, with no barrier and no alignment fix-up: an unaligned
 * Xil_In32 on Device or Strongly-ordered memory (the PL under the default MMU table) takes an
 * alignment data abort. They are static inline, so a file that calls them without including this
 * header gets an implicit declaration and then an undefined reference at link time.
 */
#ifndef XIL_IO_H
#define XIL_IO_H

#include "xil_types.h"
#include "xil_printf.h"
#include "xpseudo_asm.h"

static inline u8 Xil_In8(UINTPTR Addr) { return *(volatile u8 *)Addr; }
static inline u16 Xil_In16(UINTPTR Addr) { return *(volatile u16 *)Addr; }
static inline u32 Xil_In32(UINTPTR Addr) { return *(volatile u32 *)Addr; }
static inline u64 Xil_In64(UINTPTR Addr) { return *(volatile u64 *)Addr; }

static inline void Xil_Out8(UINTPTR Addr, u8 Value) {
  volatile u8 *LocalAddr = (volatile u8 *)Addr;
  *LocalAddr = Value;
}
static inline void Xil_Out16(UINTPTR Addr, u16 Value) {
  volatile u16 *LocalAddr = (volatile u16 *)Addr;
  *LocalAddr = Value;
}
static inline void Xil_Out32(UINTPTR Addr, u32 Value) {
  volatile u32 *LocalAddr = (volatile u32 *)Addr;
  *LocalAddr = Value;
}
static inline void Xil_Out64(UINTPTR Addr, u64 Value) {
  volatile u64 *LocalAddr = (volatile u64 *)Addr;
  *LocalAddr = Value;
}

static inline u16 Xil_EndianSwap16(u16 Data) { return (u16)(((Data & 0xFF00U) >> 8U) | ((Data & 0x00FFU) << 8U)); }
static inline u32 Xil_EndianSwap32(u32 Data) {
  return ((Data & 0xFF000000U) >> 24U) | ((Data & 0x00FF0000U) >> 8U) | ((Data & 0x0000FF00U) << 8U) |
         ((Data & 0x000000FFU) << 24U);
}

/* The Cortex-A9 runs little-endian: the LE accessors are the plain ones. */
#define Xil_In16LE Xil_In16
#define Xil_In32LE Xil_In32
#define Xil_Out16LE Xil_Out16
#define Xil_Out32LE Xil_Out32
#define Xil_Htons Xil_EndianSwap16
#define Xil_Htonl Xil_EndianSwap32
#define Xil_Ntohs Xil_EndianSwap16
#define Xil_Ntohl Xil_EndianSwap32

#endif
