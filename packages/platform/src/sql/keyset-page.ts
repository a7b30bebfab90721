/**
 * A keyset page from `size + 1` rows read: the first `size`, and the cursor of the next page
 * (the last row's id) when the extra row says there is one.
 */
export function keysetPage<Row extends { id: number }>(
  rows: readonly Row[],
  size: number,
): { page: Row[]; nextCursor: number | null } {
  const page = rows.slice(0, size);
  return { page, nextCursor: rows.length > size ? Number(page[page.length - 1]!.id) : null };
}
