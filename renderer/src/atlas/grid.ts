// How many atlas panels per row: the count that makes the panels largest in the space
// there is, for panels that read best about 5:4.

const ASPECT = 5 / 4;

export function atlasColumns(width: number, height: number, cells: number, gap: number): number {
  let best = 1;
  let bestSize = -1;
  for (let columns = 1; columns <= cells; columns++) {
    const rows = Math.ceil(cells / columns);
    const w = (width - gap * (columns - 1)) / columns;
    const h = (height - gap * (rows - 1)) / rows;
    // the usable width of a cell: its own, or what its height allows at the aspect
    const size = Math.min(w, h * ASPECT);
    if (size > bestSize) [best, bestSize] = [columns, size];
  }
  return best;
}
