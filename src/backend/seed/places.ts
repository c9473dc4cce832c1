import type { GasZone } from '../../core/reference/zones'

/**
 * Real Latvian towns with their municipality, a plausible postal-code range, real street names and a
 * weight roughly proportional to population. `flats` is the share of customers living in apartments.
 */
export interface Town {
  city: string
  municipality: string
  /** Region used as the calorific-value zone of premises in demo data. */
  zone: GasZone
  postal: readonly [number, number]
  streets: readonly string[]
  weight: number
  flats: number
}

const common = [
  'Rīgas iela',
  'Raiņa iela',
  'Brīvības iela',
  'Skolas iela',
  'Dzirnavu iela',
  'Pils iela',
  'Lāčplēša iela',
  'Stacijas iela',
  'Ausekļa iela',
  'Kalna iela',
  'Dārza iela',
  'Meža iela',
  'Parka iela',
  'Upes iela',
  'Zaļā iela',
  'Krišjāņa Barona iela',
  'Baznīcas iela',
  'Saules iela',
]

const town = (
  city: string,
  municipality: string,
  zone: Town['zone'],
  postal: readonly [number, number],
  weight: number,
  flats: number,
  own: string[],
): Town => ({ city, municipality, zone, postal, weight, flats, streets: [...own, ...common] })

export const towns: readonly Town[] = [
  {
    city: 'Rīga',
    municipality: 'Rīga',
    zone: 'riga',
    postal: [1001, 1084],
    weight: 600,
    flats: 0.85,
    streets: [
      'Brīvības iela',
      'Elizabetes iela',
      'Krišjāņa Barona iela',
      'Lāčplēša iela',
      'Tērbatas iela',
      'Dzirnavu iela',
      'Ģertrūdes iela',
      'Avotu iela',
      'Maskavas iela',
      'Kalnciema iela',
      'Slokas iela',
      'Brīvības gatve',
      'Kurzemes prospekts',
      'Krišjāņa Valdemāra iela',
      'Aleksandra Čaka iela',
      'Ieriķu iela',
      'Purvciema iela',
      'Dzelzavas iela',
      'Zolitūdes iela',
      'Imantas iela',
      'Lielvārdes iela',
      'Maskavas iela',
      'Ulbrokas iela',
      'Mūkusalas iela',
      'Vienības gatve',
      'Kandavas iela',
      'Ropažu iela',
    ],
  },
  town('Daugavpils', 'Daugavpils', 'latgale', [5401, 5422], 80, 0.75, [
    '18. novembra iela',
    'Cietokšņa iela',
    'Vienības iela',
    'Ģimnāzijas iela',
    'Viestura iela',
    'Jātnieku iela',
  ]),
  town('Liepāja', 'Liepāja', 'kurzeme', [3401, 3417], 65, 0.7, [
    'Graudu iela',
    'Lielā iela',
    'Kuršu iela',
    'Zivju iela',
    'Jūrmalas iela',
    'Klaipēdas iela',
  ]),
  town('Jelgava', 'Jelgava', 'zemgale', [3001, 3008], 55, 0.7, [
    'Lielā iela',
    'Katoļu iela',
    'Svētes iela',
    'Zemgales prospekts',
    'Pasta iela',
  ]),
  town('Jūrmala', 'Jūrmala', 'riga', [2008, 2016], 45, 0.45, [
    'Jomas iela',
    'Dzintaru prospekts',
    'Turaidas iela',
    'Bulduru prospekts',
    'Kauguru iela',
    'Slokas iela',
  ]),
  town('Ventspils', 'Ventspils', 'kurzeme', [3601, 3605], 35, 0.65, [
    'Kuldīgas iela',
    'Talsu iela',
    'Saules iela',
    'Ostas iela',
    'Lielā iela',
  ]),
  town('Rēzekne', 'Rēzekne', 'latgale', [4601, 4604], 28, 0.65, [
    'Atbrīvošanas aleja',
    'Latgales iela',
    'Dārzu iela',
    'Zemnieku iela',
  ]),
  town('Valmiera', 'Valmieras novads', 'vidzeme', [4201, 4202], 24, 0.6, [
    'Rīgas iela',
    'Beātes iela',
    'Georga Apiņa iela',
    'Cēsu iela',
  ]),
  town('Jēkabpils', 'Jēkabpils novads', 'zemgale', [5201, 5202], 22, 0.55, [
    'Brīvības iela',
    'Rīgas iela',
    'Pormaņa iela',
    'Vīgriežu iela',
  ]),
  town('Ogre', 'Ogres novads', 'vidzeme', [5001, 5003], 24, 0.6, [
    'Mālkalnes prospekts',
    'Brīvības iela',
    'Skolas iela',
    'Zilokalnu prospekts',
  ]),
  town('Tukums', 'Tukuma novads', 'kurzeme', [3101, 3102], 16, 0.5, [
    'Pils iela',
    'Talsu iela',
    'Kurzemes iela',
  ]),
  town('Cēsis', 'Cēsu novads', 'vidzeme', [4101, 4101], 15, 0.5, [
    'Vaļņu iela',
    'Rīgas iela',
    'Piebalgas iela',
  ]),
  town('Sigulda', 'Siguldas novads', 'vidzeme', [2150, 2150], 15, 0.35, [
    'Pils iela',
    'Gaujas iela',
    'Ausekļa iela',
    'Cēsu iela',
  ]),
  town('Salaspils', 'Salaspils novads', 'riga', [2121, 2121], 15, 0.55, [
    'Rīgas iela',
    'Miera iela',
    'Skolas iela',
  ]),
  town('Bauska', 'Bauskas novads', 'zemgale', [3901, 3901], 10, 0.45, [
    'Plūdoņa iela',
    'Kalna iela',
    'Uzvaras iela',
  ]),
  town('Kuldīga', 'Kuldīgas novads', 'kurzeme', [3301, 3301], 10, 0.4, [
    'Liepājas iela',
    'Baznīcas iela',
    'Pilsētas laukums',
  ]),
  town('Talsi', 'Talsu novads', 'kurzeme', [3201, 3201], 9, 0.4, [
    'Lielā iela',
    'Kareivju iela',
    'Dundagas iela',
  ]),
  town('Saldus', 'Saldus novads', 'kurzeme', [3801, 3801], 9, 0.45, [
    'Lielā iela',
    'Striķu iela',
    'Brīvības iela',
  ]),
  town('Dobele', 'Dobeles novads', 'zemgale', [3701, 3701], 9, 0.45, ['Brīvības iela', 'Tērvetes iela']),
  town('Madona', 'Madonas novads', 'vidzeme', [4801, 4801], 8, 0.45, ['Saieta laukums', 'Rūpniecības iela']),
  town('Gulbene', 'Gulbenes novads', 'vidzeme', [4401, 4401], 7, 0.4, ['O. Kalpaka iela', 'Brīvības iela']),
  town('Limbaži', 'Limbažu novads', 'vidzeme', [4001, 4001], 6, 0.4, ['Cēsu iela', 'Jūras iela']),
  town('Ludza', 'Ludzas novads', 'latgale', [5701, 5701], 6, 0.45, ['Tālavijas iela', 'Baznīcas iela']),
  town('Krāslava', 'Krāslavas novads', 'latgale', [5601, 5601], 6, 0.45, ['Rīgas iela', 'Pils iela']),
  town('Preiļi', 'Preiļu novads', 'latgale', [5301, 5301], 5, 0.45, ['Raiņa bulvāris', 'Talsu iela']),
  town('Alūksne', 'Alūksnes novads', 'vidzeme', [4301, 4301], 5, 0.4, ['Pils iela', 'Merkeļa iela']),
]

export const townWeights: readonly (readonly [Town, number])[] = towns.map((t) => [t, t.weight] as const)

export function postalCode(t: Town, n: number): string {
  const [lo, hi] = t.postal
  return `LV-${String(lo + (n % (hi - lo + 1))).padStart(4, '0')}`
}
