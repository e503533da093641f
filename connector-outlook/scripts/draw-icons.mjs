// Draws the add-in's PNG icons (Outlook's manifest takes no SVG): the same picture as
// connector-thunderbird/extension/icons/switchboard.svg, rasterised with 4×4 supersampling.
// Run once after changing the picture: node scripts/draw-icons.mjs — the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x5f, 0xa8];
const WHITE = [0xff, 0xff, 0xff];

// The picture on a 64×64 canvas: which colour covers point (x, y), or null for transparent.
function colourAt(x, y) {
  const dots = [[20, 22], [44, 22], [20, 44], [44, 44]];
  if (dots.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= 36)) return WHITE;
  const nearLine = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= 2;
  };
  if (nearLine(20, 22, 44, 44) || nearLine(44, 22, 20, 44)) return WHITE;
  const r = 12;
  const qx = Math.max(2 + r - x, 0, x - (62 - r));
  const qy = Math.max(2 + r - y, 0, y - (62 - r));
  if (x >= 2 && x <= 62 && y >= 2 && y <= 62 && qx * qx + qy * qy <= r * r) return BLUE;
  return null;
}

function rgba(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(((px + (sx + 0.5) / samples) * 64) / size, ((py + (sy + 0.5) / samples) * 64) / size);
          if (c) {
            sum[0] += c[0]; sum[1] += c[1]; sum[2] += c[2]; sum[3] += 255;
          }
        }
      }
      const n = samples * samples;
      const covered = sum[3] / 255;
      const at = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) pixels[at + i] = covered ? Math.round(sum[i] / covered) : 0;
      pixels[at + 3] = Math.round(sum[3] / n);
    }
  }
  return pixels;
}

// PNG (RFC 2083): signature, IHDR, one IDAT of filter-0 scanlines, IEND.
function png(size) {
  const raw = rgba(size);
  const lines = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) raw.copy(lines, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(lines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(new URL(`../addin/assets/icon-${size}.png`, import.meta.url), png(size));
}
