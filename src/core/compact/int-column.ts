/**
 * A growable column of 32-bit integers: 4 bytes a row where a JavaScript array of numbers takes 8, for the
 * per-row indexes a million-row plan keeps (lines, states, merge targets).
 */
export class IntColumn {
  #values = new Int32Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Int32Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  get(index: number): number {
    if (index < 0 || index >= this.#length) throw new RangeError(`IntColumn: no row ${index}`);
    return this.#values[index]!;
  }

  set(index: number, value: number): void {
    if (index < 0 || index >= this.#length) throw new RangeError(`IntColumn: no row ${index}`);
    this.#values[index] = value;
  }
}
