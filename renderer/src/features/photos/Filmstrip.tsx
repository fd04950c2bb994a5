import { useTranslation } from 'react-i18next';
import type { PhotoSummary } from '../../../../shared/photos/photo-summary';
import { usePhoto } from './use-photo';

function Thumbnail({ photo, label }: { photo: PhotoSummary; label: string }) {
  const loaded = usePhoto(photo.id, 'thumbnail');
  return loaded && loaded !== 'missing' ? (
    <img src={loaded.src} alt="" />
  ) : (
    <span className="thumb-missing">{label}</span>
  );
}

/** The resident's photos by date, oldest first, as a strip of thumbnails; the open one is marked. */
export function Filmstrip({
  photos,
  currentId,
  describe,
  onOpen,
}: {
  photos: PhotoSummary[];
  currentId: string;
  describe(p: PhotoSummary): string;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  if (photos.length < 2) return null;
  return (
    <nav aria-label={t('photos.filmstrip')}>
      <ol className="filmstrip">
        {[...photos].reverse().map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="secondary"
              aria-current={p.id === currentId ? 'true' : undefined}
              aria-label={describe(p)}
              onClick={() => onOpen(p.id)}
            >
              <Thumbnail photo={p} label={describe(p)} />
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
