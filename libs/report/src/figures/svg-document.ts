/** SVG written by hand (figures with rasters inside, as PNG): a text element and the document around the marks. */
import { CONFIG } from './style';

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const svgText = (x: number, y: number, s: string, size: number, extra = '') => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}"${extra}>${escapeXml(s)}</text>`;

/** The document: its size, a white background, the marks, in the figures' font. */
export function svgDocument(width: number, height: number, marks: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CONFIG.font}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...marks,
    '</svg>',
    '',
  ].join('\n');
}
