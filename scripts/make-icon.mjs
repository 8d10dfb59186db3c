#!/usr/bin/env node
/**
 * Draws the extension icon (images/icon.png, 128×128): an orange shield with a white check mark on a
 * dark square. Kept as a script so the icon can be regenerated without an image editor.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);

function inShield(x, y) {
  // A shield: flat top, straight sides, a curved point at the bottom.
  const cx = 64;
  if (y < 18 || y > 114) return false;
  const halfWidth = y < 70 ? 40 : 40 * Math.sqrt(Math.max(0, 1 - ((y - 70) / 44) ** 2));
  return Math.abs(x + 0.5 - cx) <= halfWidth;
}

function onCheck(x, y) {
  // Two thick strokes: (42,66)→(58,82) and (58,82)→(88,48).
  const distance = (ax, ay, bx, by) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
  };
  return Math.min(distance(42, 66, 58, 82), distance(58, 82, 88, 48)) < 6;
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const offset = (y * size + x) * 4;
    let color = [35, 47, 62, 255]; // AWS "squid ink"
    if (inShield(x, y)) color = [255, 153, 0, 255]; // orange
    if (inShield(x, y) && onCheck(x, y)) color = [255, 255, 255, 255];
    pixels.set(color, offset);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync('images/icon.png', png);
