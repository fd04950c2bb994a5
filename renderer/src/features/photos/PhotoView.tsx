import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';

/** A resident's photo, fetched from the cache only when the professional asks (each view is logged). */
export function PhotoView({ mediaId, when }: { mediaId: string; when: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [src, setSrc] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  if (src) return <img className="photo" src={src} alt={t('photos.alt', { when })} data-testid="resident-photo" />;
  if (missing) return <span className="muted">{t('photos.missing')}</span>;
  const show = async () => {
    const r = await api['resident.photo']({ mediaId });
    if (r.ok) setSrc(`data:${r.value.contentType};base64,${r.value.dataBase64}`);
    else setMissing(true);
  };
  return (
    <button type="button" className="secondary" onClick={() => void show()}>
      {t('photos.show')}
    </button>
  );
}
