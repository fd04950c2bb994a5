import { createHash } from 'node:crypto';
import type { Binary, Extension, Media, Resource } from '@medplum/fhirtypes';
import {
  type BodySite,
  type PhotoView,
  bodySiteSystem,
  bodySites,
  photoViewSystem,
  photoViews,
} from '../../shared/photos/body-sites';
import { photoRenditionExtension } from '../../shared/photos/photo-media';
import type { Queryable } from '../db/db';
import type { ResourceStore } from '../fhir/store';
import { type ProcessedPhoto, type Rendition, processPhoto } from './photo-pipeline';

export interface PhotoInput {
  /** The client's id for this upload; the Media is `media-<id>`, so a retried upload applies once. */
  id: string;
  patientId: string;
  /** The file as received; its type, size and pixels are checked here. */
  bytes: Buffer;
  description: string;
  bodySite?: BodySite;
  view?: PhotoView;
  /** When it was taken, if known; else now. */
  takenAt?: string;
  /** The queue item (Task) and visit (Encounter) it belongs to, where known. */
  task?: string;
  encounter?: string;
  /** Who sent it: the resident herself, or a professional (e.g. a snapshot from a video visit). */
  operator?: string;
}

/** Content-addressed: the id is the SHA-256 of the bytes, so the same picture is stored once. */
function binaryOf(rendition: Rendition, patientId: string): Binary {
  const hash = createHash('sha256').update(rendition.bytes).digest('hex');
  return {
    resourceType: 'Binary',
    id: hash,
    contentType: rendition.contentType,
    securityContext: { reference: `Patient/${patientId}` },
    data: rendition.bytes.toString('base64'),
  };
}

const rendition = (kind: 'review' | 'thumbnail', r: Rendition, binary: Binary): Extension => ({
  url: photoRenditionExtension,
  extension: [
    { url: 'kind', valueCode: kind },
    {
      url: 'attachment',
      valueAttachment: { contentType: r.contentType, url: `Binary/${binary.id}`, size: r.bytes.length },
    },
    { url: 'width', valuePositiveInt: r.width },
    { url: 'height', valuePositiveInt: r.height },
  ],
});

/** The FHIR resources of one processed photo: three Binaries and the Media that describes them. */
export function photoResources(
  input: Omit<PhotoInput, 'bytes'>,
  photo: ProcessedPhoto,
  now = new Date().toISOString(),
): { media: Media; binaries: Binary[] } {
  const [original, review, thumbnail] = [photo.original, photo.review, photo.thumbnail].map((r) =>
    binaryOf(r, input.patientId),
  ) as [Binary, Binary, Binary];
  const media: Media = {
    resourceType: 'Media',
    id: `media-${input.id}`,
    status: 'completed',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image', display: 'Image' }] },
    subject: { reference: `Patient/${input.patientId}` },
    ...(input.task ? { partOf: [{ reference: input.task }] } : {}),
    ...(input.encounter ? { encounter: { reference: input.encounter } } : {}),
    ...(input.bodySite
      ? { bodySite: { coding: [{ system: bodySiteSystem, code: input.bodySite, display: bodySites[input.bodySite] }] } }
      : {}),
    ...(input.view
      ? { view: { coding: [{ system: photoViewSystem, code: input.view, display: photoViews[input.view] }] } }
      : {}),
    ...(input.operator ? { operator: { reference: input.operator } } : {}),
    createdDateTime: input.takenAt ?? now,
    issued: now,
    width: photo.original.width,
    height: photo.original.height,
    extension: [rendition('review', photo.review, review), rendition('thumbnail', photo.thumbnail, thumbnail)],
    content: {
      contentType: photo.original.contentType,
      url: `Binary/${original.id}`,
      size: photo.original.bytes.length,
      ...(input.description ? { title: input.description } : {}),
    },
  };
  return { media, binaries: [original, review, thumbnail] };
}

/**
 * Writes a processed photo inside the caller's transaction: a Binary that already exists (same
 * bytes) is kept as it is, and a Media that already exists means this upload was a retry, so
 * nothing is written twice. Returns false for a retry.
 */
export async function writePhoto(
  store: ResourceStore,
  tx: Queryable,
  resources: { media: Media; binaries: Binary[] },
  also: readonly Resource[] = [],
): Promise<boolean> {
  const media = await tx.query("SELECT 1 FROM resource_current WHERE type = 'Media' AND id = $1", [resources.media.id]);
  if (media.length > 0) return false;
  const ids = resources.binaries.map((b) => b.id);
  const present = new Set(
    (
      await tx.query<{ id: string }>("SELECT id FROM resource_current WHERE type = 'Binary' AND id = ANY($1)", [ids])
    ).map((r) => r.id),
  );
  for (const binary of resources.binaries) {
    if (present.has(binary.id ?? '')) continue;
    present.add(binary.id ?? '');
    await store.create(tx, binary, binary.id);
  }
  await store.create(tx, resources.media, resources.media.id);
  for (const r of also) await store.create(tx, r, r.id);
  return true;
}

/**
 * The one way a photo enters the record (resident upload, chat attachment, video snapshot):
 * checked and converted first, outside the write lock, then written in one transaction, so a
 * refused or failing file leaves nothing behind. Throws a 400 FhirError for a file that is not
 * a photo we take. Returns the Media (the existing one for a retried upload).
 */
export async function storePhoto(store: ResourceStore, input: PhotoInput): Promise<Media> {
  const processed = await processPhoto(input.bytes);
  const resources = photoResources(input, processed);
  // Written, and audited, in the name of who took it (the professional, for a video snapshot).
  return store.write(
    async (tx) => {
      if (await writePhoto(store, tx, resources)) return resources.media;
      return (await store.read(tx, 'Media', resources.media.id ?? '')).resource as Media;
    },
    input.operator ? { agent: input.operator } : undefined,
  );
}
