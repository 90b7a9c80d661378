/*
 * The smallest boot for the fidelity suite's programs on QEMU's xilinx-zynq-a9 (one CPU): what the
 * boot ROM, the FSBL and the Xilinx BSP's boot.S and asm_vectors.S leave behind before main, and
 * nothing else. Vector table at VBAR; a stack per mode used (IRQ, abort, SVC); .bss cleared;
 * hw_init (hw.c) sets the BSP's MMU table, the caches and UART1 as the FSBL leaves it; main; then a
 * semihosting exit so that QEMU ends on its own (status 0; 1 after a data abort).
 *
 * Reference: embeddedsw lib/bsp/standalone/src/arm/cortexa9/gcc/asm_vectors.S (the vector table,
 * IRQHandler saving r0-r3, r12, lr and calling IRQInterrupt, `subs pc, lr, #4` on return) and
 * boot.S (VBAR, the per-mode stacks); ARM ARM v7-A B1.8 (exception entry and return); the ARM
 * semihosting specification (SYS_EXIT 0x18 with ADP_Stopped_ApplicationExit 0x20026, `svc 0x123456`
 * in ARM state).
 */
	.syntax unified
	.arm

	.section .vectors, "ax"
	.global _vector_table
_vector_table:
	b	_boot
	b	.		/* undefined instruction */
	b	.		/* SVC */
	b	.		/* prefetch abort */
	b	DataAbortHandler
	b	.		/* reserved */
	b	IRQHandler
	b	.		/* FIQ */

	.text
	.global _boot
_boot:
	ldr	r0, =_vector_table
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	cps	#0x12			/* IRQ mode */
	ldr	sp, =_irq_stack_top
	cps	#0x17			/* abort mode */
	ldr	sp, =_abort_stack_top
	cps	#0x13			/* SVC mode, IRQs masked as after reset */
	ldr	sp, =_stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	hw_init
	bl	main
	bl	hw_exit
	b	.

/* The BSP's IRQ entry: the handler registered with Xil_ExceptionRegisterHandler runs in IRQ mode. */
IRQHandler:
	stmdb	sp!, {r0-r3, r12, lr}
	bl	IRQInterrupt
	ldmia	sp!, {r0-r3, r12, lr}
	subs	pc, lr, #4

/*
 * The BSP's default data abort handler spins forever. Here it ends QEMU instead (hw_abort), once
 * UART1 has sent what it held, so that a program meant to end in an abort ('fidelity: hangs') is
 * seen to take it without waiting on a wall-clock timeout.
 */
DataAbortHandler:
	bl	hw_abort
	b	.

	.global hw_semihost
/* r0 = operation, r1 = parameter; returns r0. */
hw_semihost:
	svc	0x123456
	bx	lr
