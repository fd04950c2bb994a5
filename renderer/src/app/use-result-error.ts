import { useTranslation } from 'react-i18next';
import type { CallError } from '../../../shared/contract';

/** The user-facing text for a typed error: translated by code, never a raw message or stack. */
export function useErrorText(): (error: CallError) => string {
  const { t } = useTranslation();
  return (error) => t(`errors.${error.code}`);
}
