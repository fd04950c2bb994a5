import type { Media } from '@medplum/fhirtypes';
import type { ResourceStore } from '../fhir/store';
import { storePhoto } from '../photos/store-photo';

/**
 * The one place a video still becomes the resident's photo, through the photo pipeline every
 * photo takes (type from the bytes, no metadata, review and thumbnail sizes, content-addressed
 * Binaries). The request id makes a retried capture store nothing twice.
 */
export async function saveSnapshot(
  store: ResourceStore,
  patientId: string,
  requestId: string,
  jpegBase64: string,
  title: string,
): Promise<Media> {
  return storePhoto(store, {
    id: `snap-${requestId}`,
    patientId,
    bytes: Buffer.from(jpegBase64, 'base64'),
    description: title,
  });
}
