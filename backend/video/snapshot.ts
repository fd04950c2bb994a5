import type { Media } from '@medplum/fhirtypes';
import type { ResourceStore } from '../fhir/store';
import { photoResources } from '../resident/resident-contacts';

/**
 * The one place a video still becomes the resident's photo (Media + Binary), through the same
 * photo storage as the photos she sends herself: when the photo pipeline changes, this follows.
 * The request id makes a retried capture store nothing twice.
 */
export async function saveSnapshot(store: ResourceStore, patientId: string, requestId: string, jpegBase64: string, title: string): Promise<Media> {
  const { binary, media } = photoResources(`snap-${requestId}`, patientId, 'image/jpeg', jpegBase64, title);
  return store.write(async (tx) => {
    const existing = await tx.query<{ body: Media }>("SELECT body FROM resource_current WHERE type = 'Media' AND id = $1", [media.id]);
    if (existing[0]) return existing[0].body;
    await store.create(tx, binary, binary.id);
    return (await store.create(tx, media, media.id)).resource as Media;
  });
}
