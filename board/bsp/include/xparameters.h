/*
 * xparameters.h: the design's parameters, as Vivado and Vitis would generate them for the simulated
 * board: a Zynq-7000 at 666.67 MHz, stdout on UART1 at 115200, the SCU GIC and timer, an AXI GPIO
 * (channel 1: 8 LEDs, channel 2: 8 switches) at 0x41200000, a second one for the 5 push buttons
 * at 0x41210000, and an 8 KB AXI BRAM at 0x40000000.
 */
#ifndef XPARAMETERS_H
#define XPARAMETERS_H

#include "xparameters_ps.h"

#define XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ 666666687
#define XPAR_CPU_CORTEXA9_1_CPU_CLK_FREQ_HZ 666666687
#define XPAR_CPU_CORTEXA9_CORE_CLOCK_FREQ_HZ 666666687U

/*
 * The BSP settings' stdin and stdout (ps7_uart_1 here). Vitis writes this block from the settings:
 * the chosen device's base address, nothing for "none", and for the JTAG UART
 * (ps7_coresight_comp_0) the CoreSight base and XPAR_STDIN_IS_CORESIGHTPS_DCC. The simulated
 * board's build rewrites it the same way (board/bsp/stdout.ts).
 */
/* BSP stdin/stdout: begin */
#define STDIN_BASEADDRESS 0xE0001000
#define STDOUT_BASEADDRESS 0xE0001000
/* BSP stdin/stdout: end */

#define XPAR_PS7_DDR_0_S_AXI_BASEADDR 0x00100000
#define XPAR_PS7_DDR_0_S_AXI_HIGHADDR 0x1FFFFFFF
#define XPAR_PS7_RAM_0_S_AXI_BASEADDR 0x00000000
#define XPAR_PS7_RAM_1_S_AXI_BASEADDR 0xFFFF0000
#define XPAR_PS7_RAM_1_S_AXI_HIGHADDR 0xFFFFFDFF

/* GIC */
#define XPAR_XSCUGIC_NUM_INSTANCES 1U
#define XPAR_PS7_SCUGIC_0_DEVICE_ID 0U
#define XPAR_PS7_SCUGIC_0_BASEADDR 0xF8F00100U
#define XPAR_PS7_SCUGIC_0_HIGHADDR 0xF8F001FFU
#define XPAR_PS7_SCUGIC_0_DIST_BASEADDR 0xF8F01000U
#define XPAR_SCUGIC_0_DEVICE_ID 0U
#define XPAR_SCUGIC_0_CPU_BASEADDR 0xF8F00100U
#define XPAR_SCUGIC_0_CPU_HIGHADDR 0xF8F001FFU
#define XPAR_SCUGIC_0_DIST_BASEADDR 0xF8F01000U

/* SCU private timer */
#define XPAR_XSCUTIMER_NUM_INSTANCES 1
#define XPAR_PS7_SCUTIMER_0_DEVICE_ID 0
#define XPAR_PS7_SCUTIMER_0_BASEADDR 0xF8F00600
#define XPAR_PS7_SCUTIMER_0_HIGHADDR 0xF8F0061F
#define XPAR_XSCUTIMER_0_DEVICE_ID XPAR_PS7_SCUTIMER_0_DEVICE_ID
#define XPAR_XSCUTIMER_0_BASEADDR 0xF8F00600
#define XPAR_XSCUTIMER_0_HIGHADDR 0xF8F0061F

/* UART */
#define XPAR_XUARTPS_NUM_INSTANCES 1
#define XPAR_PS7_UART_1_DEVICE_ID 0
#define XPAR_PS7_UART_1_BASEADDR 0xE0001000
#define XPAR_PS7_UART_1_HIGHADDR 0xE0001FFF
#define XPAR_PS7_UART_1_UART_CLK_FREQ_HZ 100000000
#define XPAR_XUARTPS_0_DEVICE_ID XPAR_PS7_UART_1_DEVICE_ID
#define XPAR_XUARTPS_0_BASEADDR 0xE0001000
#define XPAR_XUARTPS_0_INTR XPS_UART1_INT_ID

/* AXI GPIO 0: channel 1 LEDs (8 bits), channel 2 switches (8 bits, all inputs) */
#define XPAR_XGPIO_NUM_INSTANCES 2
#define XPAR_AXI_GPIO_0_BASEADDR 0x41200000
#define XPAR_AXI_GPIO_0_HIGHADDR 0x4120FFFF
#define XPAR_AXI_GPIO_0_DEVICE_ID 0
#define XPAR_AXI_GPIO_0_INTERRUPT_PRESENT 1
#define XPAR_AXI_GPIO_0_IS_DUAL 1
#define XPAR_GPIO_0_BASEADDR 0x41200000
#define XPAR_GPIO_0_HIGHADDR 0x4120FFFF
#define XPAR_GPIO_0_DEVICE_ID XPAR_AXI_GPIO_0_DEVICE_ID
#define XPAR_GPIO_0_INTERRUPT_PRESENT 1
#define XPAR_GPIO_0_IS_DUAL 1
#define XPAR_FABRIC_AXI_GPIO_0_IP2INTC_IRPT_INTR 61U

/*
 * AXI GPIO 1: the ZedBoard's five push buttons (btns_5bits, one channel, all inputs): bit 0 BTNC,
 * 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU; a bit is 1 while its button is held.
 */
#define XPAR_AXI_GPIO_1_BASEADDR 0x41210000
#define XPAR_AXI_GPIO_1_HIGHADDR 0x4121FFFF
#define XPAR_AXI_GPIO_1_DEVICE_ID 1
#define XPAR_AXI_GPIO_1_INTERRUPT_PRESENT 1
#define XPAR_AXI_GPIO_1_IS_DUAL 0
#define XPAR_GPIO_1_BASEADDR 0x41210000
#define XPAR_GPIO_1_HIGHADDR 0x4121FFFF
#define XPAR_GPIO_1_DEVICE_ID XPAR_AXI_GPIO_1_DEVICE_ID
#define XPAR_GPIO_1_INTERRUPT_PRESENT 1
#define XPAR_GPIO_1_IS_DUAL 0
#define XPAR_FABRIC_AXI_GPIO_1_IP2INTC_IRPT_INTR 62U

/* AXI BRAM controller, 8 KB */
#define XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR 0x40000000
#define XPAR_AXI_BRAM_CTRL_0_S_AXI_HIGHADDR 0x40001FFF
#define XPAR_BRAM_0_BASEADDR 0x40000000
#define XPAR_BRAM_0_HIGHADDR 0x40001FFF

/*
 * The simulated board's helpers (not present on hardware): a wake-up for sleep/usleep and a window
 * onto the MMU's translation table. A build of the BSP for real silicon or QEMU (board/fidelity)
 * defines BSP_ON_HARDWARE, and the BSP polls and uses CP15 and CP14 as Xilinx's does. The DCC window
 * shows the CP14 debug communications channel (board/devices/dcc.ts).
 */
#ifndef BSP_ON_HARDWARE
#define XPAR_SIM_WAKE_BASEADDR 0xF8F08000U
#define XPAR_SIM_MMU_TABLE_BASEADDR 0xF8F04000U
#define XPAR_SIM_DCC_BASEADDR 0xF8F09000U
#endif

#endif
