/**
 * How to go on after the API rejected an atomic batch (nothing of it was written): the record its error
 * pointed at is set aside — it alone is bad — and the rest is sent again; without a pointer the batch is
 * halved until the bad records stand alone, about log2(n) extra requests per bad record.
 */
export function splitRejected<T>(
  group: readonly T[],
  recordIndex: number | undefined,
): { culprit?: T; retry: T[][] } {
  if (recordIndex !== undefined && recordIndex >= 0 && recordIndex < group.length) {
    return { culprit: group[recordIndex], retry: [group.filter((_, index) => index !== recordIndex)] };
  }
  const middle = Math.ceil(group.length / 2);
  return { retry: [group.slice(0, middle), group.slice(middle)] };
}
