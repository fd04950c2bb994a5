import type { Media } from '@medplum/fhirtypes';
import { type BodySite, type PhotoView, bodySiteSystem, isBodySite, isPhotoView, photoViewSystem } from './body-sites';

/**
 * A photo's smaller versions ride on its Media as an extension (FHIR R4 Media has one content):
 * `kind` (review | thumbnail), `attachment` (the Binary), `width`, `height`.
 */
export const photoRenditionExtension = 'urn:kaari:fhir:photo-rendition';

export interface PhotoRendition {
  kind: 'review' | 'thumbnail';
  binaryId: string;
  contentType: string;
  width: number;
  height: number;
}

const binaryIdOf = (url: string | undefined) => (url?.startsWith('Binary/') ? url.slice(7) : null);

export function photoRenditions(media: Media): PhotoRendition[] {
  return (media.extension ?? [])
    .filter((e) => e.url === photoRenditionExtension)
    .flatMap((e) => {
      const part = (url: string) => e.extension?.find((x) => x.url === url);
      const kind = part('kind')?.valueCode;
      const attachment = part('attachment')?.valueAttachment;
      const binaryId = binaryIdOf(attachment?.url);
      if ((kind !== 'review' && kind !== 'thumbnail') || !binaryId) return [];
      return [
        {
          kind,
          binaryId,
          contentType: attachment?.contentType ?? 'image/jpeg',
          width: part('width')?.valuePositiveInt ?? 0,
          height: part('height')?.valuePositiveInt ?? 0,
        },
      ];
    });
}

/** The original's Binary id. */
export const originalBinaryId = (media: Media): string | null => binaryIdOf(media.content.url);

export function bodySiteOf(media: Media): BodySite | null {
  const code = media.bodySite?.coding?.find((c) => c.system === bodySiteSystem)?.code;
  return isBodySite(code) ? code : null;
}

export function photoViewOf(media: Media): PhotoView | null {
  const code = media.view?.coding?.find((c) => c.system === photoViewSystem)?.code;
  return isPhotoView(code) ? code : null;
}
