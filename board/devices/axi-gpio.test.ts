import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { AxiGpio } from './axi-gpio.ts';
import { Gic } from './gic.ts';

// PG144 register space; XPAR_AXI_GPIO_0_BASEADDR.
const GPIO = 0x41200000;
const GPIO_DATA = GPIO + 0x000;
const GPIO_TRI = GPIO + 0x004;
const GPIO2_DATA = GPIO + 0x008;
const GPIO2_TRI = GPIO + 0x00c;
const GIER = GPIO + 0x11c;
const IP_ISR = GPIO + 0x120;
const IP_IER = GPIO + 0x128;

const ICD = 0xf8f01000;
const ICC = 0xf8f00100;
const IRQF2P0 = 61;

function board(): { bus: Bus; gpio: AxiGpio; gic: Gic; leds: number[] } {
  const bus = new Bus();
  const gic = new Gic(2);
  const gpio = new AxiGpio(gic);
  const leds: number[] = [];
  gpio.onLeds = (v) => leds.push(v);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  bus.map(GPIO, 0x10000, gpio, 'axi-gpio');
  return { bus, gpio, gic, leds };
}

describe('AXI GPIO', () => {
  it('starts with every bit an input and the LEDs off', () => {
    const { bus, gpio } = board();
    expect(bus.read(GPIO_TRI, 4)).toBe(0xff);
    bus.write(GPIO_DATA, 0xff, 4);
    expect(gpio.leds).toBe(0); // not driven yet
  });

  it('drives the LEDs from channel 1 once XGpio_SetDataDirection makes them outputs', () => {
    const { bus, gpio, leds } = board();
    bus.write(GPIO_TRI, 0x00, 4);
    bus.write(GPIO_DATA, 0xa5, 4);
    expect(gpio.leds).toBe(0xa5);
    expect(bus.read(GPIO_DATA, 4)).toBe(0xa5);
    bus.write(GPIO_DATA, 0x1a5, 4); // only 8 bits exist
    expect(leds).toEqual([0xa5]); // no change, no callback
    bus.write(GPIO_TRI, 0xf0, 4); // the upper four back to inputs
    expect(leds).toEqual([0xa5, 0x05]);
  });

  it('reads the switches on channel 2, which ignores writes as an all-inputs channel', () => {
    const { bus, gpio } = board();
    gpio.setInputs(2, 0x3c);
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x3c);
    bus.write(GPIO2_TRI, 0, 4);
    bus.write(GPIO2_DATA, 0xff, 4);
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x3c);
  });

  it('interrupts on a switch change when GIER and IP IER allow it; ISR toggles on write', () => {
    const { bus, gpio, gic } = board();
    bus.write(ICD, 1, 4);
    bus.write(ICD + 0x400 + IRQF2P0, 0xa0, 1);
    bus.write(ICD + 0x800 + IRQF2P0, 1, 1);
    bus.write(ICD + 0x100 + 4, 1 << (IRQF2P0 - 32), 4);
    bus.write(ICC + 0x04, 0xf0, 4);
    bus.write(ICC, 1, 4);
    bus.write(IP_IER, 0x2, 4);
    gpio.setInputs(2, 1);
    expect(bus.read(IP_ISR, 4)).toBe(0x2);
    expect(gic.pendingFor(0)).toBe(false); // GIER still off
    bus.write(GIER, 0x80000000, 4);
    expect(gic.pendingFor(0)).toBe(true);
    bus.write(IP_ISR, 0x2, 4);
    expect(bus.read(IP_ISR, 4)).toBe(0);
    expect(gic.pendingFor(0)).toBe(false);
  });

  it('reads the push buttons on a single, all-inputs channel that interrupts on IRQF2P[1]', () => {
    const bus = new Bus();
    const gic = new Gic(2);
    const buttons = new AxiGpio(gic, { interruptId: 62, width1: 5, width2: 0, allInputs1: true });
    const BTN = 0x41210000;
    bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
    bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
    bus.map(BTN, 0x10000, buttons, 'axi-gpio-buttons');
    expect(bus.read(BTN + 0x004, 4)).toBe(0x1f); // five inputs
    buttons.setInputs(1, 0b00100); // BTNL held
    expect(bus.read(BTN, 4)).toBe(0b00100);
    // All inputs: the tri-state and data registers ignore writes; no second channel.
    bus.write(BTN + 0x004, 0, 4);
    bus.write(BTN, 0x1f, 4);
    expect(bus.read(BTN, 4)).toBe(0b00100);
    expect(buttons.leds).toBe(0);
    expect(bus.read(BTN + 0x008, 4)).toBe(0);
    buttons.setInputs(1, 0xff); // only five pins
    expect(buttons.inputs(1)).toBe(0x1f);
    // A press raises ID 62 once GIER and IP IER allow it.
    bus.write(ICD, 1, 4);
    bus.write(ICC + 0x04, 0xf0, 4);
    bus.write(ICC, 1, 4);
    bus.write(ICD + 0x800 + 62, 1, 1);
    bus.write(ICD + 0x104, 1 << (62 - 32), 4);
    bus.write(BTN + 0x120, 1, 4); // clear the ISR bit the earlier changes set
    bus.write(BTN + 0x11c, 0x80000000, 4);
    bus.write(BTN + 0x128, 1, 4);
    expect(gic.pendingFor(0)).toBe(false);
    buttons.setInputs(1, 0);
    expect(gic.pendingFor(0)).toBe(true);
    expect(bus.read(ICC + 0x0c, 4)).toBe(62);
  });

  it('refuses a channel width outside 0-32', () => {
    expect(() => new AxiGpio(new Gic(2), { width1: 33 })).toThrow(/0 to 32 bits wide, not 33/);
  });
});
