/**
 * Reason for contact: a curated subset of ICPC-2 (the primary-care classification Avohilmo
 * accepts besides ICD-10) covering the common reasons residents reach a remote health centre,
 * each with the ICD-10 code it maps to, so either can be searched. Titles are our own short
 * renderings in Finnish, Swedish and English, with words people actually type.
 */
export interface ReasonCode {
  icpc2: string;
  icd10: string;
  fi: string;
  sv: string;
  en: string;
  /** More search words (colloquial), all languages. */
  words?: string;
}

export const icpc2System = 'http://hl7.org/fhir/sid/icpc-2';
export const icd10System = 'http://hl7.org/fhir/sid/icd-10';

export const reasonCodes: readonly ReasonCode[] = [
  { icpc2: 'A03', icd10: 'R50.9', fi: 'Kuume', sv: 'Feber', en: 'Fever', words: 'lämpö' },
  {
    icpc2: 'A04',
    icd10: 'R53',
    fi: 'Väsymys, heikotus',
    sv: 'Trötthet, svaghet',
    en: 'Weakness, tiredness',
    words: 'uupumus',
  },
  {
    icpc2: 'A85',
    icd10: 'T88.7',
    fi: 'Lääkkeen haittavaikutus',
    sv: 'Biverkning av läkemedel',
    en: 'Adverse effect of medication',
  },
  {
    icpc2: 'A98',
    icd10: 'Z00.0',
    fi: 'Terveystarkastus, ennaltaehkäisy',
    sv: 'Hälsokontroll, förebyggande',
    en: 'Health check, prevention',
  },
  { icpc2: 'B80', icd10: 'D50.9', fi: 'Raudanpuuteanemia', sv: 'Järnbristanemi', en: 'Iron deficiency anaemia' },
  { icpc2: 'D01', icd10: 'R10.4', fi: 'Vatsakipu', sv: 'Buksmärta', en: 'Abdominal pain', words: 'mahakipu magont' },
  { icpc2: 'D06', icd10: 'R10.1', fi: 'Ylävatsakipu', sv: 'Smärta i övre buken', en: 'Upper abdominal pain' },
  { icpc2: 'D09', icd10: 'R11', fi: 'Pahoinvointi', sv: 'Illamående', en: 'Nausea', words: 'oksettaa' },
  { icpc2: 'D11', icd10: 'A09', fi: 'Ripuli', sv: 'Diarré', en: 'Diarrhoea', words: 'vatsatauti magsjuka' },
  { icpc2: 'D12', icd10: 'K59.0', fi: 'Ummetus', sv: 'Förstoppning', en: 'Constipation' },
  {
    icpc2: 'D73',
    icd10: 'A08.4',
    fi: 'Suolistoinfektio',
    sv: 'Tarminfektion',
    en: 'Gastroenteritis, presumed infection',
    words: 'vatsatauti magsjuka',
  },
  {
    icpc2: 'F70',
    icd10: 'H10.9',
    fi: 'Sidekalvotulehdus',
    sv: 'Konjunktivit',
    en: 'Conjunctivitis',
    words: 'silmätulehdus ögoninflammation',
  },
  {
    icpc2: 'H71',
    icd10: 'H66.9',
    fi: 'Välikorvatulehdus',
    sv: 'Öroninflammation',
    en: 'Acute otitis media',
    words: 'korvatulehdus korvakipu',
  },
  {
    icpc2: 'K85',
    icd10: 'R03.0',
    fi: 'Kohonnut verenpaine (ilman diagnoosia)',
    sv: 'Förhöjt blodtryck (utan diagnos)',
    en: 'Elevated blood pressure',
  },
  {
    icpc2: 'K86',
    icd10: 'I10',
    fi: 'Verenpainetauti',
    sv: 'Hypertoni',
    en: 'Hypertension, uncomplicated',
    words: 'verenpaine blodtryck',
  },
  { icpc2: 'K95', icd10: 'I83.9', fi: 'Suonikohjut', sv: 'Åderbråck', en: 'Varicose veins of leg' },
  { icpc2: 'L02', icd10: 'M54.9', fi: 'Selkäkipu', sv: 'Ryggsmärta', en: 'Back pain' },
  {
    icpc2: 'L03',
    icd10: 'M54.5',
    fi: 'Alaselkäkipu',
    sv: 'Ländryggssmärta',
    en: 'Low back pain',
    words: 'noidannuoli ryggskott',
  },
  { icpc2: 'L15', icd10: 'M25.56', fi: 'Polvioire', sv: 'Knäsymtom', en: 'Knee symptom', words: 'polvikipu' },
  {
    icpc2: 'L77',
    icd10: 'S93.4',
    fi: 'Nilkan nyrjähdys',
    sv: 'Stukad fotled',
    en: 'Sprain of ankle',
    words: 'nyrjähdys stukning',
  },
  { icpc2: 'N01', icd10: 'R51', fi: 'Päänsärky', sv: 'Huvudvärk', en: 'Headache', words: 'päänsärky' },
  { icpc2: 'N17', icd10: 'R42', fi: 'Huimaus', sv: 'Yrsel', en: 'Vertigo, dizziness' },
  { icpc2: 'N89', icd10: 'G43.9', fi: 'Migreeni', sv: 'Migrän', en: 'Migraine' },
  {
    icpc2: 'P01',
    icd10: 'F41.9',
    fi: 'Ahdistuneisuus',
    sv: 'Ångest',
    en: 'Feeling anxious',
    words: 'ahdistus jännitys oro',
  },
  {
    icpc2: 'P03',
    icd10: 'F32.9',
    fi: 'Masentuneisuus',
    sv: 'Nedstämdhet',
    en: 'Feeling depressed',
    words: 'masennus alakulo mieliala depression',
  },
  {
    icpc2: 'P06',
    icd10: 'G47.0',
    fi: 'Unihäiriö',
    sv: 'Sömnstörning',
    en: 'Sleep disturbance',
    words: 'unettomuus sömnlöshet',
  },
  {
    icpc2: 'P15',
    icd10: 'F10.1',
    fi: 'Alkoholin haitallinen käyttö',
    sv: 'Skadligt alkoholbruk',
    en: 'Chronic alcohol abuse',
    words: 'päihde alkoholi',
  },
  { icpc2: 'P76', icd10: 'F32.9', fi: 'Masennus', sv: 'Depression', en: 'Depressive disorder' },
  { icpc2: 'R05', icd10: 'R05', fi: 'Yskä', sv: 'Hosta', en: 'Cough' },
  {
    icpc2: 'R07',
    icd10: 'R09.8',
    fi: 'Nenän tukkoisuus, aivastelu',
    sv: 'Nästäppa, nysningar',
    en: 'Sneezing, nasal congestion',
    words: 'nuha snuva',
  },
  {
    icpc2: 'R21',
    icd10: 'J02.9',
    fi: 'Kurkkuoire',
    sv: 'Halssymtom',
    en: 'Throat symptom',
    words: 'kurkkukipu halsont',
  },
  {
    icpc2: 'R74',
    icd10: 'J06.9',
    fi: 'Ylähengitystieinfektio (flunssa)',
    sv: 'Övre luftvägsinfektion (förkylning)',
    en: 'Upper respiratory infection, acute',
    words: 'flunssa nuhakuume vilustuminen hengitystieinfektio förkylning luftvägsinfektion common cold',
  },
  {
    icpc2: 'R75',
    icd10: 'J01.9',
    fi: 'Poskiontelotulehdus',
    sv: 'Bihåleinflammation',
    en: 'Sinusitis',
    words: 'sivuontelotulehdus sinuiitti',
  },
  {
    icpc2: 'R76',
    icd10: 'J03.9',
    fi: 'Nielurisatulehdus',
    sv: 'Halsfluss',
    en: 'Tonsillitis, acute',
    words: 'angiina tonsilliitti',
  },
  { icpc2: 'R78', icd10: 'J20.9', fi: 'Keuhkoputkentulehdus', sv: 'Bronkit', en: 'Acute bronchitis' },
  { icpc2: 'R80', icd10: 'J11.1', fi: 'Influenssa', sv: 'Influensa', en: 'Influenza' },
  { icpc2: 'R81', icd10: 'J18.9', fi: 'Keuhkokuume', sv: 'Lunginflammation', en: 'Pneumonia' },
  { icpc2: 'R96', icd10: 'J45.9', fi: 'Astma', sv: 'Astma', en: 'Asthma' },
  { icpc2: 'S03', icd10: 'B07', fi: 'Syylät', sv: 'Vårtor', en: 'Warts' },
  {
    icpc2: 'S06',
    icd10: 'R21',
    fi: 'Paikallinen ihottuma',
    sv: 'Lokalt utslag',
    en: 'Rash, localized',
    words: 'ihottuma utslag',
  },
  {
    icpc2: 'S18',
    icd10: 'T14.1',
    fi: 'Haava, viiltohaava',
    sv: 'Sår, skärsår',
    en: 'Laceration, cut',
    words: 'haava sår',
  },
  { icpc2: 'S74', icd10: 'B35.9', fi: 'Ihon sieni-infektio', sv: 'Svampinfektion i huden', en: 'Dermatophytosis' },
  { icpc2: 'S82', icd10: 'D22.9', fi: 'Luomi', sv: 'Födelsemärke', en: 'Naevus, mole', words: 'luomi leverfläck' },
  {
    icpc2: 'S87',
    icd10: 'L20.9',
    fi: 'Atooppinen ihottuma',
    sv: 'Atopiskt eksem',
    en: 'Dermatitis, atopic eczema',
    words: 'ekseema eksem',
  },
  {
    icpc2: 'S97',
    icd10: 'L98.4',
    fi: 'Krooninen haava',
    sv: 'Kroniskt sår',
    en: 'Chronic ulcer of skin',
    words: 'säärihaava bensår',
  },
  {
    icpc2: 'T90',
    icd10: 'E11.9',
    fi: 'Tyypin 2 diabetes',
    sv: 'Typ 2-diabetes',
    en: 'Diabetes, non-insulin dependent',
    words: 'diabetes sokeritauti verensokeri blodsocker',
  },
  {
    icpc2: 'T93',
    icd10: 'E78.5',
    fi: 'Rasva-aineenvaihdunnan häiriö',
    sv: 'Blodfettsrubbning',
    en: 'Lipid disorder',
    words: 'kolesteroli kolesterol',
  },
  {
    icpc2: 'U01',
    icd10: 'R30.0',
    fi: 'Kirvely virtsatessa',
    sv: 'Sveda vid vattenkastning',
    en: 'Dysuria, painful urination',
  },
  {
    icpc2: 'U71',
    icd10: 'N30.0',
    fi: 'Virtsatieinfektio (rakkotulehdus)',
    sv: 'Urinvägsinfektion (blåskatarr)',
    en: 'Cystitis, urinary infection other',
    words: 'virtsatietulehdus urinvägsinfektion',
  },
  {
    icpc2: 'W11',
    icd10: 'Z30.0',
    fi: 'Ehkäisyneuvonta',
    sv: 'Preventivmedelsrådgivning',
    en: 'Family planning, oral contraception',
    words: 'ehkäisy',
  },
  { icpc2: 'X14', icd10: 'N89.8', fi: 'Emätinvuoto', sv: 'Flytning', en: 'Vaginal discharge' },
  {
    icpc2: 'Z29',
    icd10: 'Z60.9',
    fi: 'Sosiaalinen ongelma',
    sv: 'Socialt problem',
    en: 'Social problem',
    words: 'toimeentulo yksinäisyys ensamhet',
  },
];

const normal = (s: string) => s.toLocaleLowerCase('fi').normalize('NFC');
const index = reasonCodes.map((code) => ({
  code,
  codes: [normal(code.icpc2), normal(code.icd10), normal(code.icd10.split('.')[0] ?? '')],
  words: normal(`${code.fi} ${code.sv} ${code.en} ${code.words ?? ''}`)
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean),
}));

/**
 * Codes whose ICPC-2 or ICD-10 code starts with the query, or whose words (any language) start
 * with every word of the query. Code matches first.
 */
export function searchReasonCodes(query: string, limit = 10): ReasonCode[] {
  const terms = normal(query)
    .split(/[^\p{L}\p{N}.-]+/u)
    .filter(Boolean);
  if (terms.length === 0) return [];
  const byCode = index.filter((e) => terms.length === 1 && e.codes.some((c) => c.startsWith(terms[0] ?? '')));
  const byWords = index.filter(
    (e) =>
      !byCode.includes(e) &&
      terms.every((t) => e.words.some((w) => w.startsWith(t) || (t.length >= 4 && w.includes(t)))),
  );
  return [...byCode, ...byWords].slice(0, limit).map((e) => e.code);
}

export const reasonCodeByIcpc2 = (icpc2: string): ReasonCode | undefined => reasonCodes.find((c) => c.icpc2 === icpc2);
