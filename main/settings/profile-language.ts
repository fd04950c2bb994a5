import { type Language, type User, languages } from '../../shared/contract';

/**
 * The workstation language a user starts in: the first of her profile's languages the
 * workstation speaks (a Swedish-speaking nurse starts in Swedish), else the device's. She can
 * change it in her settings; her choice then wins.
 */
export function profileLanguage(user: Pick<User, 'languages'>, device: Language): Language {
  return (user.languages.find((l) => (languages as readonly string[]).includes(l)) as Language | undefined) ?? device;
}
