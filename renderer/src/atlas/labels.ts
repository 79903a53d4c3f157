// Where the library pieces' names go on an atlas panel: beside each marker on the first
// side (right, left, above, below) where the name stays inside the plot and clear of the
// names and markers already placed. A name with no room is left out; hovering shows it.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  /** The marker's centre. */
  x: number;
  y: number;
  /** The name's size. */
  w: number;
  h: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The rectangle of each name (top-left corner), or null where none fits; earlier requests place first. */
export function placeLabels(requests: readonly LabelRequest[], plot: Rect, radius: number): (Rect | null)[] {
  const gap = radius + 3;
  const taken: Rect[] = requests.map((r) => ({ x: r.x - radius, y: r.y - radius, w: 2 * radius, h: 2 * radius }));
  const inside = (r: Rect) => r.x >= plot.x && r.y >= plot.y && r.x + r.w <= plot.x + plot.w && r.y + r.h <= plot.y + plot.h;
  return requests.map(({ x, y, w, h }) => {
    const sides: Rect[] = [
      { x: x + gap, y: y - h / 2, w, h },
      { x: x - gap - w, y: y - h / 2, w, h },
      { x: x - w / 2, y: y - gap - h, w, h },
      { x: x - w / 2, y: y + gap, w, h },
    ];
    const spot = sides.find((s) => inside(s) && !taken.some((t) => overlaps(s, t))) ?? null;
    if (spot) taken.push(spot);
    return spot;
  });
}
