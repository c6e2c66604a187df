/** Grid points: the cartesian product of the grid's axes, the last axis varying fastest. A key `a,b` zips its paths into one axis. */
import type { Json } from '@ablate/config';
import type { GridValue } from './trial';

export interface GridAxis {
  key: string;
  paths: string[];
  points: Json[][];
}

export function gridAxes(grid: Record<string, unknown[]> | undefined): GridAxis[] {
  return Object.entries(grid ?? {}).map(([key, values]) => {
    const paths = key.split(',');
    const points = values.map((v) => (paths.length === 1 ? [v as Json] : (v as Json[])));
    return { key, paths, points };
  });
}

export function gridPoints(axes: readonly GridAxis[]): GridValue[][] {
  let points: GridValue[][] = [[]];
  for (const axis of axes) {
    const next: GridValue[][] = [];
    for (const prefix of points) {
      for (const point of axis.points) next.push([...prefix, ...axis.paths.map((path, j) => ({ path, value: point[j] }))]);
    }
    points = next;
  }
  return points;
}

export function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, axis) => n * axis.points.length, 1);
}
