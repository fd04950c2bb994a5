/** The session lock's texts (en defines the keys; fi and sv have the same). */
export const lockEn = {
  title: 'Workstation locked',
  idle: 'Locked because the workstation was not used for a while. Everything you had open is kept.',
  manual: 'You locked the workstation. Everything you had open is kept.',
  offline:
    'Locked because the regional service has not been reached for too long. Connect to the network; once the service answers, unlock with your password.',
  signedInAs: 'Signed in: {{name}}',
  password: 'Password',
  unlock: 'Unlock',
  unlocking: 'Unlocking…',
  wrongPassword:
    'Wrong password. After five wrong tries you are signed out; your work stays saved on this workstation.',
  stillOffline: 'The regional service has still not been reached. Check the network connection.',
  switchUser: 'Switch user',
  switchHint: 'Switching signs you out. Your drafts stay encrypted on this workstation for your next sign-in.',
  lockNow: 'Lock',
};

export const lockFi: typeof lockEn = {
  title: 'Työasema lukittu',
  idle: 'Lukittu, koska työasemaa ei käytetty hetkeen. Kaikki avoinna ollut työ on tallessa.',
  manual: 'Lukitsit työaseman. Kaikki avoinna ollut työ on tallessa.',
  offline:
    'Lukittu, koska alueelliseen palveluun ei ole saatu yhteyttä liian pitkään aikaan. Yhdistä verkkoon; kun palvelu vastaa, avaa lukitus salasanallasi.',
  signedInAs: 'Kirjautuneena: {{name}}',
  password: 'Salasana',
  unlock: 'Avaa lukitus',
  unlocking: 'Avataan…',
  wrongPassword:
    'Väärä salasana. Viiden väärän yrityksen jälkeen sinut kirjataan ulos; työsi pysyy tallessa tällä työasemalla.',
  stillOffline: 'Alueelliseen palveluun ei vieläkään saada yhteyttä. Tarkista verkkoyhteys.',
  switchUser: 'Vaihda käyttäjää',
  switchHint:
    'Käyttäjän vaihto kirjaa sinut ulos. Luonnoksesi pysyvät salattuina tällä työasemalla seuraavaan kirjautumiseesi.',
  lockNow: 'Lukitse',
};

export const lockSv: typeof lockEn = {
  title: 'Arbetsstationen är låst',
  idle: 'Låst eftersom arbetsstationen inte användes på en stund. Allt du hade öppet finns kvar.',
  manual: 'Du låste arbetsstationen. Allt du hade öppet finns kvar.',
  offline:
    'Låst eftersom den regionala tjänsten inte har nåtts på för länge. Anslut till nätverket; när tjänsten svarar kan du låsa upp med ditt lösenord.',
  signedInAs: 'Inloggad: {{name}}',
  password: 'Lösenord',
  unlock: 'Lås upp',
  unlocking: 'Låser upp…',
  wrongPassword:
    'Fel lösenord. Efter fem felaktiga försök loggas du ut; ditt arbete finns kvar sparat på den här arbetsstationen.',
  stillOffline: 'Den regionala tjänsten har fortfarande inte nåtts. Kontrollera nätverksanslutningen.',
  switchUser: 'Byt användare',
  switchHint:
    'Byte av användare loggar ut dig. Dina utkast finns kvar krypterade på den här arbetsstationen till nästa inloggning.',
  lockNow: 'Lås',
};
