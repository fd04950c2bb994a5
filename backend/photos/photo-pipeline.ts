import heicDecode from 'heic-decode';
import sharp, { type Sharp } from 'sharp';
import { maxPhotoBytes } from '../../shared/protocol/resident';
import { FhirError } from '../fhir/fhir-error';

// An upload service sees each picture once: libvips' operation cache would only hold memory.
sharp.cache(false);

/** Above this many pixels a file is refused before decoding: a decompression bomb, not a phone photo (phones make 12–50 MP). */
export const maxPhotoPixels = 64_000_000;
/** Long side of the version the workstation reviews (sharp on a 4K screen, a fraction of a 12 MP original). */
export const reviewSize = 2048;
export const thumbnailSize = 320;

export type PhotoFormat = 'jpeg' | 'png' | 'heic';

export interface Rendition {
  contentType: 'image/jpeg' | 'image/png';
  bytes: Buffer;
  width: number;
  height: number;
}

export interface ProcessedPhoto {
  /** What the file really was, read from its bytes. */
  format: PhotoFormat;
  /** The full-resolution picture, upright, with every metadata block (EXIF, GPS, XMP, maker notes) gone. */
  original: Rendition;
  review: Rendition;
  thumbnail: Rendition;
}

const refused = (message: string) => new FhirError(400, 'invalid', message);
const unreadable = () =>
  refused('The file is not a readable JPEG, PNG or HEIC photo. Take the photo again or choose another file.');

/** The real type from the first bytes; the file name and the declared type are never asked. */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  // ISO base media file: size, 'ftyp', then the brand. Only the HEIF still-image brands count.
  if (bytes.length > 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (['heic', 'heix', 'mif1'].includes(brand)) return 'heic';
  }
  return null;
}

/** HEIC through libheif (WebAssembly): sharp's prebuilt libvips reads AVIF but not HEVC-coded HEIC. */
async function decodeHeic(bytes: Buffer): Promise<Sharp> {
  let images: Awaited<ReturnType<typeof heicDecode.all>>;
  try {
    images = await heicDecode.all({ buffer: bytes });
  } catch {
    throw unreadable();
  }
  const dispose = (images as unknown as { dispose?: () => void }).dispose;
  try {
    const first = images[0] as unknown as
      | {
          width: number;
          height: number;
          decode: () => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
        }
      | undefined;
    if (!first) throw unreadable();
    // The size is in the header: a bomb is refused before a single pixel is decoded.
    if (first.width * first.height > maxPhotoPixels) throw tooLarge();
    const decoded = await first.decode().catch(() => {
      throw unreadable();
    });
    return sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
      raw: { width: decoded.width, height: decoded.height, channels: 4 },
      limitInputPixels: maxPhotoPixels,
    });
  } finally {
    dispose?.();
  }
}

const tooLarge = () => refused(`The picture has too many pixels (at most ${maxPhotoPixels / 1_000_000} megapixels).`);

async function render(
  pixels: () => Sharp,
  size: number | null,
  contentType: Rendition['contentType'],
  quality: number,
): Promise<Rendition> {
  let pipeline = pixels();
  if (size) pipeline = pipeline.resize(size, size, { fit: 'inside', withoutEnlargement: true });
  pipeline =
    contentType === 'image/png' ? pipeline.png({ compressionLevel: 6 }) : pipeline.jpeg({ quality, mozjpeg: false });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { contentType, bytes: data, width: info.width, height: info.height };
}

/**
 * Checks a photo and makes its three versions. Everything the file says about itself is
 * distrusted: the type comes from the bytes, the pixel count is limited before decoding
 * (decompression bombs), a truncated or malformed file fails the decode (sharp fails on
 * warnings too) and is refused with a 400. Re-encoding keeps no metadata (sharp's default), so
 * GPS never leaves this function; the EXIF orientation is applied to the pixels first.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw refused('The file is empty.');
  if (bytes.length > maxPhotoBytes) throw refused(`The photo is larger than ${maxPhotoBytes / 1024 / 1024} MB.`);
  const format = sniffPhotoFormat(bytes);
  if (!format) throw refused('Only JPEG, PNG and HEIC photos can be sent.');
  const source =
    format === 'heic'
      ? await decodeHeic(bytes)
      : sharp(bytes, { limitInputPixels: maxPhotoPixels, failOn: 'warning', sequentialRead: true }).timeout({
          seconds: 20,
        });
  try {
    const meta = await source.metadata();
    const expected = format === 'heic' ? 'raw' : format;
    if (meta.format !== expected) throw unreadable();
    if ((meta.width ?? 0) * (meta.height ?? 0) > maxPhotoPixels) throw tooLarge();
    if ((meta.pages ?? 1) > 1) throw refused('Send a single photo, not an animation.');
    // Decoded and turned upright once; the three versions are made from these pixels.
    const { data, info } = await source.rotate().raw().toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const keep: Rendition['contentType'] = format === 'png' ? 'image/png' : 'image/jpeg';
    const original = await render(pixels, null, keep, 92);
    const review = await render(pixels, reviewSize, 'image/jpeg', 85);
    const thumbnail = await render(pixels, thumbnailSize, 'image/jpeg', 75);
    return { format, original, review, thumbnail };
  } catch (error) {
    if (error instanceof FhirError) throw error;
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge();
    throw unreadable();
  }
}
