// Assembles the README's animated demo from screenshots: PNG frames (decoded by pngjs) become one
// looping GIF (encoded by gifenc). All frames share one 255-colour palette computed from a sample
// of every frame, so a pixel that did not change keeps its colour index; such pixels are written as
// the transparent index (over the previous frame, which stays), and the long runs of them compress
// to almost nothing. That keeps a ten-second screen recording in a few hundred kilobytes.
import gifenc from 'gifenc';
import { PNG } from 'pngjs';

const { GIFEncoder, quantize, applyPalette } = gifenc;

/** The most pixels the palette is computed from; more only costs time. */
const PALETTE_SAMPLE_PIXELS = 2_000_000;

/**
 * @param {Array<{ png: Buffer, delay: number }>} frames Screenshots of one size, each shown for `delay` ms.
 * @returns {{ gif: Uint8Array, width: number, height: number, frames: number, durationMs: number }}
 */
export function encodeGif(frames) {
  if (frames.length === 0) throw new Error('no frames to encode');
  const images = frames.map((frame) => PNG.sync.read(frame.png));
  const { width, height } = images[0];
  const mismatched = images.findIndex((image) => image.width !== width || image.height !== height);
  if (mismatched >= 0) {
    throw new Error(`frame ${mismatched} is ${images[mismatched].width}×${images[mismatched].height}, the first is ${width}×${height}`);
  }
  const pixels = width * height;
  const stride = Math.max(1, Math.ceil((pixels * images.length) / PALETTE_SAMPLE_PIXELS));
  const sample = new Uint8Array(Math.ceil((pixels * images.length) / stride) * 4);
  let at = 0;
  for (let n = 0; n < pixels * images.length; n += stride) {
    const data = images[Math.floor(n / pixels)].data;
    const offset = (n % pixels) * 4;
    sample.set(data.subarray(offset, offset + 4), at);
    at += 4;
  }
  const palette = quantize(sample.subarray(0, at), 255);
  // Indices are computed before the transparent entry exists, so no pixel ever maps to it.
  const indexed = images.map((image) => applyPalette(image.data, palette));
  const transparentIndex = palette.length;
  palette.push([0, 0, 0]);

  const encoder = GIFEncoder();
  let durationMs = 0;
  indexed.forEach((index, n) => {
    durationMs += frames[n].delay;
    if (n === 0) {
      encoder.writeFrame(index, width, height, { palette, delay: frames[n].delay, repeat: 0, dispose: 1 });
      return;
    }
    const previous = indexed[n - 1];
    const delta = new Uint8Array(index.length);
    for (let i = 0; i < index.length; i++) delta[i] = index[i] === previous[i] ? transparentIndex : index[i];
    encoder.writeFrame(delta, width, height, { delay: frames[n].delay, transparent: true, transparentIndex, dispose: 1 });
  });
  encoder.finish();
  return { gif: encoder.bytes(), width, height, frames: frames.length, durationMs };
}
