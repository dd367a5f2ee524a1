/** Interns repeated strings (a file path on every link) as small numbers. */
export class StringTable {
  readonly #numbers = new Map<string, number>();
  readonly #strings: string[] = [];

  number(value: string): number {
    let number = this.#numbers.get(value);
    if (number === undefined) {
      number = this.#strings.length;
      this.#strings.push(value);
      this.#numbers.set(value, number);
    }
    return number;
  }

  string(number: number): string {
    const value = this.#strings[number];
    if (value === undefined) throw new RangeError(`StringTable: no string ${number}`);
    return value;
  }
}
