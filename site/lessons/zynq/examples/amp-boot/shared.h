/*
 * shared.h: what the two programs agree on. cpu0.c and cpu1.c are built
 * and linked as two separate programs, so all they share are fixed
 * addresses: the word the boot ROM reads, where CPU1's program is linked,
 * and the layout of the shared OCM.
 */
#ifndef SHARED_H
#define SHARED_H

#include "xil_types.h"

/* The boot ROM on CPU1 jumps to the address stored here. */
#define CPU1_START_ADDR 0xFFFFFFF0U
/* Where CPU1's program is linked (its linker script). */
#define CPU1_ENTRY 0x02000000U
/* High OCM. Xil_SetTlbAttributes changes the whole 1 MB section. */
#define OCM_SECTION 0xFFFF0000U
/* S=b1 TEX=b100 AP=b11 Domain=b1111 C=b0 B=b0 */
#define OCM_SHARED_ATTR 0x14DE2U

/* Flags and data in high OCM. volatile: every access goes to memory. */
#define CPU1_READY (*(volatile u32 *)0xFFFF0000U) /* CPU1: 1 once in main */
#define CPU1_START (*(volatile u32 *)0xFFFF0004U) /* CPU1: the timer at main */
#define JOB_READY (*(volatile u32 *)0xFFFF0008U)  /* CPU0: 1 when a job waits */
#define JOB_DONE (*(volatile u32 *)0xFFFF000CU)   /* CPU1: 1 when it is done */
#define JOB_RESULT (*(volatile u32 *)0xFFFF0010U)
#define JOB_DATA ((volatile u32 *)0xFFFF0100U)
#define JOB_WORDS 64

#endif
