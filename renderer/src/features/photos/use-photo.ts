import { useEffect, useState } from 'react';
import type { PhotoSize } from '../../../../shared/photos/photo-summary';
import { useApi } from '../../api/api-context';

export interface LoadedPhoto {
  src: string;
  title: string;
  taken: string;
}

/** A photo's bytes from the cache as a data URL; null while loading, 'missing' when not on this workstation. */
export function usePhoto(mediaId: string | null, size: PhotoSize): LoadedPhoto | null | 'missing' {
  const api = useApi();
  const [photo, setPhoto] = useState<{ key: string; value: LoadedPhoto | 'missing' } | null>(null);
  const key = `${mediaId ?? ''}:${size}`;
  useEffect(() => {
    if (!mediaId) return;
    let live = true;
    void api['resident.photo']({ mediaId, size }).then((r) => {
      if (!live) return;
      setPhoto({
        key,
        value: r.ok
          ? {
              src: `data:${r.value.contentType};base64,${r.value.dataBase64}`,
              title: r.value.title,
              taken: r.value.taken,
            }
          : 'missing',
      });
    });
    return () => {
      live = false;
    };
  }, [api, mediaId, size, key]);
  return photo?.key === key ? photo.value : null;
}
