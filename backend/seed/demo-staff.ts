import type { User } from '../../shared/contract/schemas';

/** Synthetic staff of the demo county. Every name is invented; the password is documented in README. */
export const demoPassword = 'kaari-demo';

export const demoStaff: readonly User[] = [
  {
    id: 'staff-nurse-aino',
    username: 'aino',
    displayName: 'Aino Virtanen',
    roles: ['nurse'],
    profession: 'nurse',
    languages: ['fi', 'en'],
    themes: ['long-term-illness'],
  },
  {
    id: 'staff-nurse-bjorn',
    username: 'bjorn',
    displayName: 'Björn Lindqvist',
    roles: ['nurse'],
    profession: 'nurse',
    languages: ['sv', 'fi'],
    themes: ['elderly'],
  },
  {
    id: 'staff-doctor-eero',
    username: 'eero',
    displayName: 'Eero Mäkinen',
    roles: ['doctor'],
    profession: 'doctor',
    languages: ['fi', 'sv', 'en'],
    themes: ['mental-health', 'long-term-illness'],
  },
  {
    id: 'staff-social-saara',
    username: 'saara',
    displayName: 'Saara Heikkinen',
    roles: ['social_worker'],
    profession: 'social_worker',
    languages: ['fi'],
    themes: ['child-family', 'elderly'],
  },
  {
    id: 'staff-lead-leena',
    username: 'leena',
    displayName: 'Leena Korhonen',
    roles: ['team_lead', 'nurse'],
    profession: 'nurse',
    languages: ['fi', 'en'],
    themes: [],
  },
  {
    id: 'staff-admin-antti',
    username: 'antti',
    displayName: 'Antti Nieminen',
    roles: ['admin'],
    profession: 'it_admin',
    languages: ['fi'],
    themes: [],
  },
];
