/**
 * Sets one cell of a row's values by its header. `values.__proto__ = x` would set the prototype; a column
 * named `__proto__` is defined as an ordinary key instead, so it stays a value like any other.
 */
export function setValue(values: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__')
    Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
  else values[key] = value;
}
