// Draws the app icons (a flashcard with a check mark) and writes them to public/icons/.
// The shapes are signed distance functions sampled 4 × 4 times per pixel, and the PNG
// encoder uses Node's zlib, so the icons rebuild byte for byte with no image tools.
// Run: npx tsx scripts/icons/make-icons.ts

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const THEME: Rgba = [0x1d, 0x4e, 0x89, 255];
const CARD: Rgba = [0xff, 0xff, 0xff, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const SAMPLES_PER_AXIS = 4;

/** Everything is measured in units of the icon's width, so one geometry serves every size. */
const GEOMETRY = {
  backgroundCornerRadius: 0.22,
  cardCenter: [0.5, 0.5],
  cardHalfSize: [0.28, 0.21],
  cardCornerRadius: 0.05,
  checkPoints: [
    [0.36, 0.51],
    [0.46, 0.61],
    [0.65, 0.41],
  ],
  checkHalfWidth: 0.035,
} as const;

interface IconSpec {
  file: string;
  size: number;
  /**
   * Full-bleed icons fill the square: maskable icons, because the platform cuts its own
   * shape, and the Apple touch icon, because iOS does not show transparency.
   */
  fullBleed: boolean;
}

const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, fullBleed: false },
  { file: 'icon-512.png', size: 512, fullBleed: false },
  { file: 'icon-maskable-192.png', size: 192, fullBleed: true },
  { file: 'icon-maskable-512.png', size: 512, fullBleed: true },
  { file: 'apple-touch-icon-180.png', size: 180, fullBleed: true },
  { file: 'favicon-32.png', size: 32, fullBleed: false },
];

function roundedBoxDistance(x: number, y: number, center: readonly number[], halfSize: readonly number[], radius: number): number {
  const dx = Math.abs(x - (center[0] ?? 0)) - ((halfSize[0] ?? 0) - radius);
  const dy = Math.abs(y - (center[1] ?? 0)) - ((halfSize[1] ?? 0) - radius);
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - radius;
}

function segmentDistance(x: number, y: number, from: readonly number[], to: readonly number[]): number {
  const [ax = 0, ay = 0] = from;
  const [bx = 0, by = 0] = to;
  const abx = bx - ax;
  const aby = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * abx + (y - ay) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(x - (ax + t * abx), y - (ay + t * aby));
}

/** Returns the colour of the icon at (x, y) in unit coordinates. */
function colourAt(x: number, y: number, fullBleed: boolean): Rgba {
  const points = GEOMETRY.checkPoints;
  let checkDistance = Infinity;
  for (let index = 0; index + 1 < points.length; index += 1) {
    checkDistance = Math.min(checkDistance, segmentDistance(x, y, points[index] ?? [], points[index + 1] ?? []));
  }
  if (checkDistance <= GEOMETRY.checkHalfWidth) {
    return THEME;
  }
  if (roundedBoxDistance(x, y, GEOMETRY.cardCenter, GEOMETRY.cardHalfSize, GEOMETRY.cardCornerRadius) <= 0) {
    return CARD;
  }
  if (fullBleed || roundedBoxDistance(x, y, [0.5, 0.5], [0.5, 0.5], GEOMETRY.backgroundCornerRadius) <= 0) {
    return THEME;
  }
  return CLEAR;
}

/** Renders the icon as RGBA rows. Samples are averaged with premultiplied alpha, then stored with straight alpha as PNG expects. */
function renderIcon(size: number, fullBleed: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const sampleCount = SAMPLES_PER_AXIS * SAMPLES_PER_AXIS;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let sy = 0; sy < SAMPLES_PER_AXIS; sy += 1) {
        for (let sx = 0; sx < SAMPLES_PER_AXIS; sx += 1) {
          const x = (column + (sx + 0.5) / SAMPLES_PER_AXIS) / size;
          const y = (row + (sy + 0.5) / SAMPLES_PER_AXIS) / size;
          const [r, g, b, a] = colourAt(x, y, fullBleed);
          red += r * a;
          green += g * a;
          blue += b * a;
          alpha += a;
        }
      }
      const offset = (row * size + column) * 4;
      pixels[offset] = alpha === 0 ? 0 : Math.round(red / alpha);
      pixels[offset + 1] = alpha === 0 ? 0 : Math.round(green / alpha);
      pixels[offset + 2] = alpha === 0 ? 0 : Math.round(blue / alpha);
      pixels[offset + 3] = Math.round(alpha / sampleCount);
    }
  }
  return pixels;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

/** Encodes 8-bit RGBA pixels as a PNG, with filter type 0 on every row. */
function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row += 1) {
    const start = row * (size * 4 + 1);
    rows[start] = 0;
    rows.set(pixels.subarray(row * size * 4, (row + 1) * size * 4), start + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

function hex([red, green, blue]: Rgba): string {
  return `#${[red, green, blue].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** Returns the same drawing as SVG, for the favicon of browsers that take SVG icons. */
function iconSvg(): string {
  const [cx, cy] = GEOMETRY.cardCenter;
  const [hx, hy] = GEOMETRY.cardHalfSize;
  const scale = (value: number): number => Math.round(value * 1000) / 10;
  const points = GEOMETRY.checkPoints.map(([x, y]) => `${scale(x)},${scale(y)}`).join(' ');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
    `  <rect width="100" height="100" rx="${scale(GEOMETRY.backgroundCornerRadius)}" fill="${hex(THEME)}"/>`,
    `  <rect x="${scale(cx - hx)}" y="${scale(cy - hy)}" width="${scale(2 * hx)}" height="${scale(2 * hy)}" rx="${scale(GEOMETRY.cardCornerRadius)}" fill="${hex(CARD)}"/>`,
    `  <polyline points="${points}" fill="none" stroke="${hex(THEME)}" stroke-width="${scale(2 * GEOMETRY.checkHalfWidth)}" stroke-linecap="round" stroke-linejoin="round"/>`,
    '</svg>',
    '',
  ].join('\n');
}

const outputFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'icons');
mkdirSync(outputFolder, { recursive: true });
for (const icon of ICONS) {
  const png = encodePng(icon.size, renderIcon(icon.size, icon.fullBleed));
  writeFileSync(join(outputFolder, icon.file), png);
  console.log(`wrote ${join(outputFolder, icon.file)} (${png.byteLength} bytes)`);
}
writeFileSync(join(outputFolder, 'icon.svg'), iconSvg());
console.log(`wrote ${join(outputFolder, 'icon.svg')}`);
