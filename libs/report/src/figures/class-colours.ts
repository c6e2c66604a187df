/**
 * Colours of the classes of a scene: a fixed categorical palette in class order (Okabe-Ito without
 * its black, then Kelly's colours of maximum contrast), or the experiment's own; black is the
 * unlabelled background, so no class gets it.
 */
const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];
const KELLY = ['#A1CAF1', '#BE0032', '#C2B280', '#848482', '#E68FAC', '#604E97', '#F99379', '#8DB600', '#882D17', '#DCD300', '#654522', '#B3446C', '#2B3D26'];
export const CLASS_PALETTE = [...OKABE_ITO, ...KELLY];
export const BACKGROUND = '#000000';

/** Past the palette: hues a golden angle apart. */
function extra(i: number): string {
  const hue = (i * 137.508) % 360;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.55 - 0.35 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `#${[f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** One colour per class: the given ones first, the palette for the rest. */
export function classColours(classes: number, given: readonly string[] = []): string[] {
  return Array.from({ length: classes }, (_, k) => given[k] ?? CLASS_PALETTE[k] ?? extra(k));
}

export const rgbOf = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
