// Numbers as the lecture prints them: a value that is exact in at most six
// significant digits prints so (-12, 0.116, 0.088); any other rounds to two
// decimals, or to two significant digits when smaller (-0.5344 → -0.53,
// 0.19661 → 0.2, 0.0001234567 → 0.00012). `precision` asks for that many
// significant digits instead; `keepZeros` keeps a rounded number's trailing
// zeros, as a teacher says it (-0.20).

export function formatNumber(x: number, precision?: number, keepZeros = false): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (precision !== undefined) return String(Number(x.toPrecision(precision)));
  // Exact up to the noise of binary fractions: 0.11600000000000005 is 0.116.
  for (let digits = 1; digits <= 6; digits++) {
    const short = Number(x.toPrecision(digits));
    if (Math.abs(short - x) <= 1e-12 * Math.abs(x)) return String(short);
  }
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  if (magnitude >= 15 || magnitude < -15) return String(Number(x.toPrecision(2)));
  const rounded = x.toFixed(Math.max(2, 1 - magnitude));
  return keepZeros ? rounded : String(Number(rounded));
}
