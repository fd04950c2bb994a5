import type { Binary, Media } from '@medplum/fhirtypes';
import sharp from 'sharp';
import type { BodySite } from '../../shared/photos/body-sites';
import { processPhoto } from '../photos/photo-pipeline';
import { photoResources } from '../photos/store-photo';

/**
 * Synthetic photos for the demo county, drawn (never photographed): skin of a few tones with a
 * wound, a rash or a mole, and a 2-euro coin (25.75 mm) beside it as the reference a nurse
 * calibrates a measurement from. Each case is drawn twice, a week apart (the wound smaller and
 * paler, the rash fading), so comparisons have pairs. Drawn from a seeded generator: the same
 * seed gives the same bytes, hence the same content-addressed Binaries.
 */
export type Lesion = 'wound' | 'rash' | 'mole';
export const skinTones = ['#f1d3bf', '#dcb08e', '#b07a55', '#6e4631'] as const;
const width = 960;
const height = 720;

export interface PoolPhoto {
  /** The Media's picture fields (renditions, size, original) to copy into each resident's Media. */
  media: Pick<Media, 'width' | 'height' | 'extension' | 'content'>;
  binaries: Binary[];
}
export type PhotoPool = ReadonlyMap<string, PoolPhoto>;

export const poolKey = (lesion: Lesion, tone: number, stage: 0 | 1) => `${lesion}-${tone}-${stage}`;

function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An irregular closed outline around (cx, cy): the same jitter at both stages, scaled. */
function blob(cx: number, cy: number, rx: number, ry: number, jitter: readonly number[]): string {
  const points = jitter.map((j, i) => {
    const angle = (i / jitter.length) * Math.PI * 2;
    return `${(cx + Math.cos(angle) * rx * j).toFixed(1)},${(cy + Math.sin(angle) * ry * j).toFixed(1)}`;
  });
  return `M${points.join(' L')} Z`;
}

function drawing(lesion: Lesion, tone: string, stage: 0 | 1, random: () => number): string {
  const jitter = Array.from({ length: 18 }, () => 0.8 + random() * 0.35);
  const texture = Array.from(
    { length: 260 },
    () =>
      `<circle cx="${(random() * width).toFixed(0)}" cy="${(random() * height).toFixed(0)}" r="${(1 + random() * 3).toFixed(1)}" fill="#000" opacity="${(0.03 + random() * 0.05).toFixed(2)}"/>`,
  ).join('');
  const heal = stage === 0 ? 1 : 0.62;
  const cx = 430 + random() * 60;
  const cy = 340 + random() * 40;
  let mark: string;
  if (lesion === 'wound') {
    mark =
      `<path d="${blob(cx, cy, 150 * heal, 90 * heal, jitter)}" fill="#b5534a" opacity="${stage === 0 ? 0.55 : 0.35}" filter="url(#soft)"/>` +
      `<path d="${blob(cx, cy, 95 * heal, 52 * heal, jitter)}" fill="#8e1f1f"/>` +
      `<path d="${blob(cx, cy, 60 * heal, 30 * heal, jitter)}" fill="${stage === 0 ? '#c2402f' : '#d98c6f'}"/>`;
  } else if (lesion === 'rash') {
    const dots = Array.from({ length: stage === 0 ? 140 : 70 }, () => {
      const a = random() * Math.PI * 2;
      const d = Math.sqrt(random()) * 190;
      return `<circle cx="${(cx + Math.cos(a) * d * 1.3).toFixed(0)}" cy="${(cy + Math.sin(a) * d * 0.8).toFixed(0)}" r="${(3 + random() * 7).toFixed(1)}" fill="#c0392b" opacity="${stage === 0 ? 0.55 : 0.3}"/>`;
    }).join('');
    mark = `<ellipse cx="${cx}" cy="${cy}" rx="260" ry="160" fill="#d35d4f" opacity="${stage === 0 ? 0.25 : 0.1}" filter="url(#soft)"/>${dots}`;
  } else {
    // A mole followed up: a little larger a week later, the change a nurse is asked to look at.
    const grow = stage === 0 ? 1 : 1.15;
    mark = `<path d="${blob(cx, cy, 38 * grow, 32 * grow, jitter)}" fill="#3b2416"/><path d="${blob(cx + 6, cy - 4, 22 * grow, 18 * grow, jitter)}" fill="#5a3a26"/>`;
  }
  // A 2-euro coin: 25.75 mm across, here 120 px, so about 4.7 px per millimetre.
  const coin = `<circle cx="810" cy="590" r="60" fill="#c9b037" stroke="#8f7d22" stroke-width="4"/><circle cx="810" cy="590" r="40" fill="#c0c0c0" stroke="#8a8a8a" stroke-width="3"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><filter id="soft"><feGaussianBlur stdDeviation="14"/></filter>
<radialGradient id="light" cx="40%" cy="35%" r="80%"><stop offset="0" stop-color="#fff" stop-opacity="0.18"/><stop offset="1" stop-color="#000" stop-opacity="0.22"/></radialGradient></defs>
<rect width="100%" height="100%" fill="${tone}"/>${texture}${mark}${coin}<rect width="100%" height="100%" fill="url(#light)"/></svg>`;
}

/** Renders one synthetic photo to JPEG, then through the same pipeline as a resident's upload. */
export async function poolPhoto(lesion: Lesion, toneIndex: number, stage: 0 | 1, seed: number): Promise<PoolPhoto> {
  // The same case uses the same random stream at both stages: the lesion keeps its shape as it heals.
  const random = generator(seed * 7919 + toneIndex * 101 + ['wound', 'rash', 'mole'].indexOf(lesion) * 13);
  const svg = drawing(lesion, skinTones[toneIndex] ?? skinTones[0], stage, random);
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
  const { media, binaries } = photoResources(
    { id: 'pool', patientId: 'pool', description: '' },
    await processPhoto(jpeg),
  );
  // Shared by every resident whose case it illustrates, so no one resident's security context.
  const shared = binaries.map(({ securityContext: _s, ...b }) => b);
  return {
    media: { width: media.width, height: media.height, extension: media.extension, content: { ...media.content } },
    binaries: shared,
  };
}

const rendered = new Map<string, Promise<PoolPhoto>>();

/** The synthetic photos these keys name, drawn on first use and kept for the process (~0.1 s each). */
export async function demoPhotoPool(seed: number, keys: Iterable<string>): Promise<PhotoPool> {
  const entries = await Promise.all(
    [...new Set(keys)].map(async (key): Promise<[string, PoolPhoto]> => {
      const [lesion, tone, stage] = key.split('-') as [Lesion, string, string];
      let photo = rendered.get(`${seed}:${key}`);
      if (!photo) {
        photo = poolPhoto(lesion, Number(tone), stage === '1' ? 1 : 0, seed);
        rendered.set(`${seed}:${key}`, photo);
      }
      return [key, await photo];
    }),
  );
  return new Map(entries);
}

/** What a seeded photo contact shows, from its words (the seed's reasons name the place). */
export function photoCase(
  description: string,
  patientId: string,
): { lesion: Lesion; bodySite: BodySite; tone: number } {
  const tone = [...patientId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % skinTones.length;
  if (description.includes('luome')) return { lesion: 'mole', bodySite: 'back', tone };
  if (description.includes('ihottum')) return { lesion: 'rash', bodySite: 'arm', tone };
  return { lesion: 'wound', bodySite: 'leg', tone };
}
