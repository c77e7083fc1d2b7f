// Draws Cubby's app icon (a cubby with a notification dot) as RGBA pixels, anti-aliased by
// supersampling signed distances. Maskable icons fill the square and keep the glyph in the safe zone.

/** Brand colours, as in the manifest's theme colour. */
const background: Rgb = [0x1f, 0x4e, 0x8c];
const glyph: Rgb = [0xff, 0xff, 0xff];
const dot: Rgb = [0xff, 0x9f, 0x1c];

type Rgb = [number, number, number];

/** Signed distance from (x, y) to a rounded rectangle centred at the origin; negative inside. */
function roundedRect(x: number, y: number, halfW: number, halfH: number, r: number): number {
  const qx = Math.abs(x) - halfW + r;
  const qy = Math.abs(y) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/**
 * Returns `size` × `size` RGBA pixels. A maskable icon is opaque to the edges with the glyph inside
 * the central 80% circle that every mask keeps; the plain icon is a rounded square.
 */
export function drawAppIcon(size: number, options: { maskable: boolean }): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  // The glyph is drawn in units of the icon's width, centred; a maskable one is scaled into the safe zone.
  const scale = options.maskable ? 0.72 : 1;
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bgCover = 0;
      let glyphCover = 0;
      let dotCover = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size - 0.5;
          const y = (py + (sy + 0.5) / samples) / size - 0.5;
          const inBg = options.maskable || roundedRect(x, y, 0.5, 0.5, 0.2) <= 0;
          if (!inBg) continue;
          bgCover++;
          const gx = x / scale;
          const gy = y / scale;
          // The cubby: a thick rounded frame with one shelf across its middle, and the dot of a
          // notification on its corner, cut out of the frame by a ring of background.
          const outer = roundedRect(gx, gy + 0.02, 0.3, 0.25, 0.07);
          const inner = roundedRect(gx, gy + 0.02, 0.22, 0.17, 0.03);
          const wall = outer <= 0 && inner > 0;
          const shelf = Math.abs(gy + 0.02) < 0.035 && Math.abs(gx) < 0.22;
          const isDot = Math.hypot(gx - 0.27, gy + 0.22) < 0.1;
          const ring = Math.hypot(gx - 0.27, gy + 0.22) < 0.145;
          if (isDot) dotCover++;
          else if ((wall || shelf) && !ring) glyphCover++;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        const bgPart = (bgCover - glyphCover - dotCover) * background[c]!;
        const value =
          bgCover === 0 ? 0 : (bgPart + glyphCover * glyph[c]! + dotCover * dot[c]!) / bgCover;
        out[i + c] = Math.round(value);
      }
      out[i + 3] = Math.round((bgCover / n) * 255);
    }
  }
  return out;
}
