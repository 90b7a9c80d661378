/**
 * A synthetic, macro-heavy C file (2,000 lines, 330 macros, register-offset style as in Xilinx
 * BSP code) shared by the preprocessor's test and its benchmark.
 */
export function macroHeavySource(): string {
  const defines = Array.from({ length: 300 }, (_, i) => `#define REG_${i} (BASE + ${i * 4})`);
  const fns = Array.from(
    { length: 30 },
    (_, i) => `#define F${i}(a, b) ((a) * ${i} + (b) - REG_${i})`,
  );
  const body = Array.from(
    { length: 1650 },
    (_, i) => `  v${i} = F${i % 30}(REG_${i % 300}, x + ${i}); /* line ${i} */ if (v${i} > 3) w++;`,
  );
  return ['#define BASE 0x41200000', ...defines, ...fns, 'void f(void) {', ...body, '}', ''].join(
    '\n',
  );
}
