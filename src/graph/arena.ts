// Small numbers arrays, cut from shared slabs. A typed array of more than
// 64 bytes lives off V8's heap, and making one costs half a microsecond
// (measured): a third of a small graph's whole forward and backward pass,
// ten thousand times in a batch. A view of a slab costs a tenth of that.
// Views are never reused: a slab is freed when the last of its arrays is.

/** Numbers in a slab (8 MiB); an array of more than an eighth of that gets its own. */
const SLAB = 1 << 20;

let slab = new ArrayBuffer(0);
let used = SLAB;

/** `n` zeros, as a Float64Array of their own. */
export function zeros(n: number): Float64Array {
  if (n > SLAB / 8) return new Float64Array(n);
  if (used + n >= SLAB) {
    slab = new ArrayBuffer(SLAB * 8);
    used = 0;
  }
  const array = new Float64Array(slab, used * 8, n);
  used += n;
  return array;
}
