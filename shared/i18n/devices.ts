/** The administrator's device list and locked accounts (renderer/src/features/devices). */
export const devicesEn = {
  title: 'Devices and sign-in',
  intro:
    'Workstations enrolled in the service. A revoked workstation signs out at its next contact and erases the data stored on it.',
  createCode: 'Create an enrollment code',
  codeCreated:
    'Enrollment code {{code}}: give it to the person setting up one workstation. It works once, until {{until}}.',
  lockedTitle: 'Accounts locked after failed sign-ins',
  noLocked: 'No account is locked.',
  locked: '{{name}}: locked {{when}}',
  unlock: 'Unlock {{name}}',
  devicesTitle: 'Workstations',
  noDevices: 'No workstation is enrolled yet.',
  device: 'Workstation',
  users: 'Users',
  version: 'App version',
  lastContact: 'Last contact',
  status: 'Status',
  active: 'In use',
  revokedAt: 'Revoked {{when}}',
  revoke: 'Revoke',
  revokeLabel: 'Revoke workstation {{device}}',
  nobody: 'Nobody has signed in',
  refresh: 'Refresh the list',
};

export const devicesFi: typeof devicesEn = {
  title: 'Laitteet ja kirjautuminen',
  intro:
    'Palveluun käyttöön otetut työasemat. Käytöstä poistettu työasema kirjautuu ulos seuraavalla yhteydellään ja poistaa siihen tallennetut tiedot.',
  createCode: 'Luo käyttöönottokoodi',
  codeCreated:
    'Käyttöönottokoodi {{code}}: anna se yhden työaseman käyttöönottajalle. Se toimii kerran, {{until}} asti.',
  lockedTitle: 'Epäonnistuneiden kirjautumisten vuoksi lukitut tilit',
  noLocked: 'Yhtään tiliä ei ole lukittu.',
  locked: '{{name}}: lukittu {{when}}',
  unlock: 'Avaa tili: {{name}}',
  devicesTitle: 'Työasemat',
  noDevices: 'Yhtään työasemaa ei ole vielä otettu käyttöön.',
  device: 'Työasema',
  users: 'Käyttäjät',
  version: 'Sovelluksen versio',
  lastContact: 'Viimeisin yhteys',
  status: 'Tila',
  active: 'Käytössä',
  revokedAt: 'Poistettu käytöstä {{when}}',
  revoke: 'Poista käytöstä',
  revokeLabel: 'Poista työasema {{device}} käytöstä',
  nobody: 'Kukaan ei ole kirjautunut',
  refresh: 'Päivitä luettelo',
};

export const devicesSv: typeof devicesEn = {
  title: 'Enheter och inloggning',
  intro:
    'Arbetsstationer som registrerats i tjänsten. En återkallad arbetsstation loggas ut vid nästa kontakt och raderar uppgifterna som lagrats på den.',
  createCode: 'Skapa en registreringskod',
  codeCreated:
    'Registreringskod {{code}}: ge den till den som installerar en arbetsstation. Den fungerar en gång, till {{until}}.',
  lockedTitle: 'Konton låsta efter misslyckade inloggningar',
  noLocked: 'Inget konto är låst.',
  locked: '{{name}}: låst {{when}}',
  unlock: 'Lås upp {{name}}',
  devicesTitle: 'Arbetsstationer',
  noDevices: 'Ingen arbetsstation är registrerad ännu.',
  device: 'Arbetsstation',
  users: 'Användare',
  version: 'Appversion',
  lastContact: 'Senaste kontakt',
  status: 'Status',
  active: 'I bruk',
  revokedAt: 'Återkallad {{when}}',
  revoke: 'Återkalla',
  revokeLabel: 'Återkalla arbetsstation {{device}}',
  nobody: 'Ingen har loggat in',
  refresh: 'Uppdatera listan',
};
