import { parseSettings } from '../config/settings.ts';
import type { AccountProfile, Contact, ImportRecord } from '../core/account.ts';
import type { Tier } from '../core/domain/vocabulary.ts';
import { decideTier } from '../core/tiering.ts';

/**
 * The demo book `npm start` seeds on first start: 300 accounts of a fictional software vendor, six
 * account owners and their manager, customers across the Americas, Europe and APAC. Pure and
 * deterministic (a seeded PRNG): the same `now` gives the same book, and dates are relative to
 * `now`, so a fresh start always shows some accounts recently contacted, some due soon and some
 * stale for months. Every address is under example.com or a `.example` domain (RFC 2606).
 */

export const DEMO_ACCOUNT_COUNT = 300;
export const DEMO_MANAGER = { name: 'Helena Vogt', email: 'helena.vogt@example.com' };
export const DEMO_PRODUCTS = [
  'Ledger Cloud',
  'Payments API',
  'Insights Dashboards',
  'Field Service Mobile',
  'Data Connectors',
  'Premium Support',
] as const;
export const DEMO_SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB', 'Public Sector'] as const;

type Segment = (typeof DEMO_SEGMENTS)[number];

interface Owner {
  name: string;
  email: string;
}

const OWNERS = {
  maya: { name: 'Maya Chen', email: 'maya.chen@example.com' },
  daniel: { name: 'Daniel Okafor', email: 'daniel.okafor@example.com' },
  lucia: { name: 'Lucía Fernández', email: 'lucia.fernandez@example.com' },
  sophie: { name: 'Sophie Laurent', email: 'sophie.laurent@example.com' },
  jonas: { name: 'Jonas Becker', email: 'jonas.becker@example.com' },
  priya: { name: 'Priya Raman', email: 'priya.raman@example.com' },
} satisfies Record<string, Owner>;

/** A name as shown, optionally with the ASCII spelling used in its email address (`表示|ascii`). */
type NameList = string[];

interface Region {
  count: number;
  owner: keyof typeof OWNERS;
  zones: string[];
  suffixes: string[];
  stems: string[];
  /** Industry words in the local language; English ones are used as well. */
  industries?: string[];
  first: NameList;
  last: NameList;
  /** Family name first (East Asian order) when shown. */
  familyFirst?: boolean;
}

const EN_STEMS = [
  'Harbor',
  'Summit',
  'Kestrel',
  'Meridian',
  'Copperleaf',
  'Northwind',
  'Lumen',
  'Atlas',
  'Juniper',
  'Ironbridge',
  'Silverline',
  'Pinecrest',
  'Tidewater',
  'Redwood',
  'Bluestone',
  'Oakridge',
  'Brightwater',
  'Granite Peak',
  'Fairhaven',
  'Stonegate',
];
const EN_INDUSTRIES = [
  'Logistics',
  'Foods',
  'Health',
  'Robotics',
  'Energy',
  'Retail',
  'Analytics',
  'Manufacturing',
  'Pharma',
  'Media',
  'Telecom',
  'Insurance',
  'Labs',
  'Hospitality',
  'Builders',
  'Software',
  'Aerospace',
  'Agritech',
];
const EN_FIRST = [
  'James',
  'Emily',
  'Michael',
  'Olivia',
  'David',
  'Sarah',
  'Chris',
  'Jessica',
  'Ryan',
  'Hannah',
  'Marcus',
  'Aaliyah',
  'Kevin',
  'Rachel',
  'Andre',
  'Megan',
  'Tyler',
  'Grace',
];
const EN_LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Wilson',
  'Anderson',
  'Thompson',
  'Nguyen',
  'Patel',
  'Kim',
  "O'Brien",
  'Washington',
  'Murphy',
  'Cohen',
];

const REGIONS: Region[] = [
  {
    count: 50,
    owner: 'daniel',
    zones: ['America/New_York', 'America/Chicago', 'America/Detroit'],
    suffixes: ['Inc.', 'LLC', 'Corp.'],
    stems: EN_STEMS,
    first: EN_FIRST,
    last: EN_LAST,
  },
  {
    count: 35,
    owner: 'maya',
    zones: ['America/Los_Angeles', 'America/Denver', 'America/Phoenix'],
    suffixes: ['Inc.', 'LLC'],
    stems: EN_STEMS,
    first: EN_FIRST,
    last: EN_LAST,
  },
  {
    count: 15,
    owner: 'maya',
    zones: ['America/Toronto', 'America/Vancouver', 'America/Halifax'],
    suffixes: ['Ltd.', 'Inc.'],
    stems: [...EN_STEMS, 'Laurentide', 'Boréal', 'Saint-Laurent'],
    first: [...EN_FIRST, 'Geneviève', 'Mathieu', 'Chloé', 'Étienne'],
    last: [...EN_LAST, 'Tremblay', 'Gagnon', 'Côté', 'Bélanger'],
  },
  {
    count: 25,
    owner: 'lucia',
    zones: ['America/Sao_Paulo', 'America/Mexico_City', 'America/Bogota', 'America/Argentina/Buenos_Aires'],
    suffixes: ['Ltda.', 'S.A. de C.V.', 'S.A.S.', 'S.R.L.'],
    stems: ['Andes', 'Pampa', 'Amazônia', 'Sertão', 'Río Claro', 'Cordillera', 'Aurora', 'Pacífico'],
    industries: ['Logística', 'Alimentos', 'Energia', 'Saúde', 'Construcciones', 'Tecnología'],
    first: ['João', 'María José', 'Luís', 'Camila', 'Antônio', 'Valentina', 'Sebastián', 'Ximena', 'Thiago'],
    last: ['Gonçalves', 'Núñez', 'Peña', 'Conceição', 'Hernández', 'Araújo', 'Muñoz', 'Castillo', 'Silva'],
  },
  {
    count: 30,
    owner: 'sophie',
    zones: ['Europe/London', 'Europe/Dublin'],
    suffixes: ['Ltd', 'plc', 'LLP'],
    stems: [...EN_STEMS, 'Thameside', 'Pennine', 'Highland', 'Shannon'],
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Siobhán', 'Aoife', 'Rhys', 'Priyanka', 'Tomasz'],
    last: ['Taylor', 'Evans', 'Hughes', 'Ó Briain', 'MacLeod', 'Ahmed', 'Fitzgerald', 'Walsh', 'Okonkwo'],
  },
  {
    count: 30,
    owner: 'jonas',
    zones: ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'],
    suffixes: ['GmbH', 'AG', 'KG'],
    stems: ['Müller', 'Bergwerk', 'Alpen', 'Rhein', 'Nordstern', 'Schwarzwald', 'Isar', 'Donau', 'Edelweiß'],
    industries: [
      'Logistik',
      'Maschinenbau',
      'Lebensmittel',
      'Medizintechnik',
      'Energie',
      'Präzisionstechnik',
    ],
    first: ['Jürgen', 'Anja', 'Lukas', 'Lena', 'Matthias', 'Jörg', 'Katharina', 'Björn', 'Sabine', 'Özlem'],
    last: ['Müller', 'Schröder', 'Weiß', 'Hoffmann', 'Bäcker', 'Schulze', 'Köhler', 'Yılmaz', 'Krüger'],
  },
  {
    count: 20,
    owner: 'sophie',
    zones: ['Europe/Paris', 'Europe/Brussels'],
    suffixes: ['SAS', 'SA', 'SARL'],
    stems: ['Lumière', 'Côte', 'Boréal', 'Étoile', 'Mistral', 'Loire', 'Provence'],
    industries: ['Logistique', 'Santé', 'Énergie', 'Alimentaire', 'Ingénierie'],
    first: ['Élodie', 'François', 'Hélène', 'Thibault', 'Amélie', 'Jérôme', 'Inès', 'Noël', 'Zoé'],
    last: ['Lefèvre', 'Gauthier', 'Dubois', 'Moreau', 'Rousseau', 'Girard', 'Benoît', 'Faure'],
  },
  {
    count: 12,
    owner: 'lucia',
    zones: ['Europe/Madrid', 'Europe/Lisbon'],
    suffixes: ['S.L.', 'S.A.', 'Lda.'],
    stems: ['Sol', 'Ibérica', 'Montaña', 'Marea', 'Tejo', 'Alhambra'],
    industries: ['Logística', 'Energía', 'Alimentos', 'Salud'],
    first: ['José', 'Begoña', 'Íñigo', 'Lucía', 'Álvaro', 'Nuria', 'Gonçalo', 'Inês'],
    last: ['Núñez', 'Peña', 'García', 'Iglesias', 'Ibáñez', 'Fonseca', 'Simões'],
  },
  {
    count: 15,
    owner: 'jonas',
    zones: ['Europe/Stockholm', 'Europe/Oslo', 'Europe/Copenhagen', 'Europe/Helsinki'],
    suffixes: ['AB', 'AS', 'A/S', 'Oy'],
    stems: ['Fjäll', 'Nordljus', 'Havsbris', 'Skog', 'Bølge', 'Järnväg', 'Sisu'],
    first: ['Åsa', 'Søren', 'Bjørn', 'Ingrid', 'Mikael', 'Sigrún', 'Aino', 'Pål'],
    last: ['Ström', 'Øberg', 'Lindqvist', 'Hansen', 'Virtanen', 'Åkesson', 'Sørensen'],
  },
  {
    count: 8,
    owner: 'jonas',
    zones: ['Europe/Warsaw', 'Europe/Prague'],
    suffixes: ['Sp. z o.o.', 's.r.o.'],
    stems: ['Wisła', 'Bursztyn', 'Tatry', 'Żuraw', 'Vltava'],
    first: ['Łukasz', 'Małgorzata', 'Krzysztof', 'Agnieszka', 'Tomáš', 'Zuzana'],
    last: ['Wójcik', 'Zieliński', 'Kowalczyk', 'Dvořák', 'Nowak', 'Šimek'],
  },
  {
    count: 15,
    owner: 'priya',
    zones: ['Asia/Tokyo'],
    suffixes: ['K.K.', 'Co., Ltd.'],
    stems: ['Sakura', 'Fuji', 'Hikari', 'Kaze', 'Midori', 'Yamato'],
    first: ['花子|hanako', '翔太|shota', 'Yuki', 'Haruto', '美咲|misaki', 'Ren'],
    last: ['佐藤|sato', '鈴木|suzuki', 'Takahashi', 'Tanaka', '伊藤|ito', 'Watanabe'],
    familyFirst: true,
  },
  {
    count: 12,
    owner: 'priya',
    zones: ['Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Hong_Kong'],
    suffixes: ['Pte. Ltd.', 'Sdn. Bhd.', 'Ltd.'],
    stems: ['Merlion', 'Straits', 'Lion City', 'Jade', 'Orchid', 'Peranakan'],
    first: ['Wei Ling', 'Jun Jie', 'Siti', 'Arif', 'Mei', 'Hui Min', 'Kavitha'],
    last: ['Tan', 'Lim', 'Ng', 'Rahman', 'Wong', 'Chua', 'Subramaniam'],
    familyFirst: false,
  },
  {
    count: 12,
    owner: 'priya',
    zones: ['Asia/Kolkata'],
    suffixes: ['Pvt. Ltd.', 'Ltd.'],
    stems: ['Ganga', 'Himalaya', 'Deccan', 'Indus', 'Kaveri', 'Sahyadri'],
    first: ['Arjun', 'Priya', 'Ananya', 'Vikram', 'Lakshmi', 'Rohan', 'Deepika'],
    last: ['Sharma', 'Iyer', 'Reddy', 'Raghunathan', 'Banerjee', 'Menon', 'Chatterjee'],
  },
  {
    count: 15,
    owner: 'priya',
    zones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Perth', 'Australia/Brisbane'],
    suffixes: ['Pty Ltd'],
    stems: ['Southern Cross', 'Coral', 'Outback', 'Wattle', 'Eucalypt', 'Murray'],
    first: ['Jack', 'Charlotte', 'Liam', 'Mia', 'Noah', 'Ruby', 'Lachlan'],
    last: ['Jones', 'Martin', 'Nguyen', 'Kelly', 'Papadopoulos', 'Singh', 'White'],
  },
  {
    count: 6,
    owner: 'priya',
    zones: ['Pacific/Auckland'],
    suffixes: ['Limited'],
    stems: ['Kōwhai', 'Tasman', 'Aoraki', 'Kererū'],
    first: ['Aroha', 'Tāne', 'Mere', 'Nikau', 'Sophie', 'Hemi'],
    last: ['Ngata', 'Te Whare', 'Parata', 'Smith', 'Walker', 'Tūhoe'],
  },
];

const ROLES_SENIOR = ['CEO', 'CFO', 'COO', 'VP Operations', 'Head of Procurement', 'IT Director'];
const ROLES_OTHER = [
  'Operations Manager',
  'Finance Manager',
  'Procurement Lead',
  'Office Manager',
  'Systems Administrator',
  'Project Manager',
  'Customer Success Lead',
];

/** mulberry32: small, fast, and the same sequence on every runtime. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (min: number, max: number) => min + next() * (max - min);
  const int = (min: number, max: number) => Math.floor(between(min, max + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  };
  /** Log-normal around a median: revenue and headcount are skewed like that. */
  const logNormal = (median: number, sigma: number) => {
    const u = 1 - next();
    const v = next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  return { next, between, int, pick, chance, weighted, logNormal, shuffle };
}

type Rng = ReturnType<typeof prng>;

const DAY_MS = 86_400_000;

function display(name: string): string {
  return name.split('|')[0] ?? name;
}

/** The ASCII form of a name for an address: `Łukasz Wójcik` -> `lukasz.wojcik`. */
function asciiOf(name: string): string {
  const explicit = name.split('|')[1];
  const base = explicit ?? name;
  return base
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function segmentFacts(rng: Rng, segment: Segment) {
  switch (segment) {
    case 'Enterprise':
      return {
        revenue: rng.logNormal(260_000, 0.6),
        employees: rng.logNormal(4_000, 0.9),
        margin: rng.between(18, 62),
        strategic: rng.chance(0.12),
      };
    case 'Mid-Market':
      return {
        revenue: rng.logNormal(70_000, 0.6),
        employees: rng.between(150, 1_000),
        margin: rng.between(12, 55),
        strategic: rng.chance(0.03),
      };
    case 'SMB':
      return {
        revenue: rng.logNormal(14_000, 0.7),
        employees: rng.logNormal(35, 0.8),
        margin: rng.between(8, 50),
        strategic: rng.chance(0.01),
      };
    case 'Public Sector':
      return {
        revenue: rng.logNormal(110_000, 0.5),
        employees: rng.logNormal(2_500, 0.8),
        margin: rng.between(8, 30),
        strategic: rng.chance(0.05),
      };
  }
}

function cadenceDays(c: { days: number } | { months: number }): number {
  return 'days' in c ? c.days : c.months * 30;
}

/** When the source last heard from the account: a mix of recent, due soon, overdue and long stale. */
function lastContactFor(rng: Rng, now: Date, cadence: number): string | undefined {
  const kind = rng.weighted([
    ['recent', 35],
    ['dueSoon', 15],
    ['overdue', 23],
    ['stale', 20],
    ['never', 7],
  ] as const);
  let daysAgo: number;
  switch (kind) {
    case 'never':
      return undefined;
    case 'recent':
      daysAgo = rng.between(0.5, cadence * 0.6);
      break;
    case 'dueSoon':
      daysAgo = cadence - rng.between(1, 10);
      break;
    case 'overdue':
      daysAgo = cadence + rng.between(1, 40);
      break;
    case 'stale':
      daysAgo = rng.between(150, 420);
      break;
  }
  const at = new Date(now.getTime() - daysAgo * DAY_MS);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}

function productsFor(rng: Rng, segment: Segment): string[] {
  const count = rng.weighted([
    [1, 45],
    [2, 35],
    [3, 20],
  ] as const);
  const weights: Array<readonly [string, number]> = [
    ['Ledger Cloud', 30],
    ['Payments API', 22],
    ['Insights Dashboards', 18],
    ['Field Service Mobile', 10],
    ['Data Connectors', 12],
    ['Premium Support', segment === 'Enterprise' || segment === 'Public Sector' ? 30 : 6],
  ];
  const out = new Set<string>();
  while (out.size < count) out.add(rng.weighted(weights));
  return DEMO_PRODUCTS.filter((p) => out.has(p));
}

function contactsFor(rng: Rng, region: Region, accountId: string, domain: string, segment: Segment) {
  const [min, max] =
    segment === 'Enterprise'
      ? [2, 4]
      : segment === 'Public Sector'
        ? [2, 3]
        : segment === 'SMB'
          ? [1, 2]
          : [1, 3];
  const count = rng.int(min, max);
  const contacts: Contact[] = [];
  const emails = new Set<string>();
  const roles = rng.shuffle([...ROLES_OTHER]);
  for (let i = 0; contacts.length < count && i < 20; i++) {
    const first = rng.pick(region.first);
    const last = rng.pick(region.last);
    const email = `${asciiOf(first)}.${asciiOf(last)}@${domain}`;
    if (emails.has(email)) continue;
    emails.add(email);
    const primary = contacts.length === 0;
    const name = region.familyFirst
      ? `${display(last)} ${display(first)}`
      : `${display(first)} ${display(last)}`;
    let birthday: string | undefined;
    if (rng.chance(0.3)) {
      const month = rng.int(1, 12);
      const day = rng.int(1, new Date(Date.UTC(2024, month, 0)).getUTCDate());
      birthday = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    contacts.push({
      accountId,
      email,
      name,
      role: primary ? rng.pick(ROLES_SENIOR) : (roles[contacts.length - 1] ?? 'Manager'),
      birthday,
      primary,
    });
  }
  return contacts;
}

/** The next yearly renewal of a contract that started on `since`, after `now`. */
function nextRenewal(since: Date, now: Date): Date {
  let year = now.getUTCFullYear();
  let at = new Date(Date.UTC(year, since.getUTCMonth(), since.getUTCDate()));
  while (at.getTime() <= now.getTime() || at.getTime() - since.getTime() < 300 * DAY_MS) {
    year += 1;
    at = new Date(Date.UTC(year, since.getUTCMonth(), since.getUTCDate()));
  }
  return at;
}

/** The language of the demo's German, Japanese and Brazilian accounts, by their zone; others get the default. */
const ZONE_LANGUAGES: Readonly<Record<string, string>> = {
  'Europe/Berlin': 'de',
  'Europe/Vienna': 'de',
  'Europe/Zurich': 'de',
  'Asia/Tokyo': 'ja',
  'America/Sao_Paulo': 'pt-BR',
};

/** Generates the demo book relative to `now`. Same `now`, same book. */
export function generateDemoBook(now: Date): ImportRecord[] {
  const rng = prng(0x5eed_2026);
  const settings = parseSettings({});
  const usedNames = new Set<string>();
  const regionOrder = rng.shuffle(REGIONS.flatMap((r) => Array.from({ length: r.count }, () => r)));
  const owners = Object.values(OWNERS);

  return regionOrder.map((region, index) => {
    const accountId = `demo-${String(index + 1).padStart(3, '0')}`;
    // Company names (and so their domains) are unique across the book.
    let base = '';
    for (let attempt = 0; attempt < 50 && (!base || usedNames.has(base)); attempt++) {
      const industry = rng.pick(region.industries && rng.chance(0.6) ? region.industries : EN_INDUSTRIES);
      base = `${rng.pick(region.stems)} ${industry}`;
    }
    if (usedNames.has(base)) base = `${base} ${index + 1}`;
    usedNames.add(base);
    const name = `${base} ${rng.pick(region.suffixes)}`;

    const segment = rng.weighted([
      ['Enterprise', 15],
      ['Mid-Market', 33],
      ['SMB', 42],
      ['Public Sector', 10],
    ] as const);
    const facts = segmentFacts(rng, segment);
    // Some CRMs do not know everything: missing facts are part of a realistic book.
    const annualRevenue = rng.chance(0.05) ? undefined : Math.round(facts.revenue / 500) * 500;
    const marginPct = rng.chance(0.08) ? undefined : Math.round(facts.margin * 10) / 10;
    const employees = rng.chance(0.06) ? undefined : Math.max(2, Math.round(facts.employees));
    const tierOverride: Tier | undefined = rng.chance(0.03)
      ? rng.pick(['key', 'growth', 'standard'] as const)
      : undefined;
    // Owners keep their regions, with the odd account handed over across regions.
    const owner = rng.chance(0.08) ? rng.pick(owners) : OWNERS[region.owner];
    const customerSince = new Date(now.getTime() - rng.between(0.3, 12) * 365 * DAY_MS);
    const renewal = rng.chance(0.88) ? nextRenewal(customerSince, now) : undefined;

    const profile: AccountProfile = {
      accountId,
      name,
      ownerEmail: owner.email,
      ownerName: owner.name,
      managerEmail: DEMO_MANAGER.email,
      annualRevenue,
      marginPct,
      employees,
      strategic: facts.strategic,
      tierOverride,
      segment,
      products: productsFor(rng, segment),
      timeZone: rng.pick(region.zones),
      customerSince: isoDate(customerSince),
      renewalDate: renewal ? isoDate(renewal) : undefined,
    };
    profile.language = ZONE_LANGUAGES[profile.timeZone ?? ''];
    const domain = `${asciiOf(base)}.example`;
    const contacts = contactsFor(rng, region, accountId, domain, segment);
    const tier = decideTier(profile, settings.tiering).tier;
    const lastContactAt = lastContactFor(rng, now, cadenceDays(settings.cadence[tier]));
    return { profile, contacts, lastContactAt };
  });
}

/** The owners of the demo book, for banners and tests. */
export const DEMO_OWNERS: readonly Owner[] = Object.values(OWNERS);

/** How many demo accounts live in each time zone, about (each region's accounts spread over its zones). */
export function demoTimeZoneWeights(): Map<string, number> {
  const weights = new Map<string, number>();
  for (const region of REGIONS)
    for (const zone of region.zones)
      weights.set(zone, (weights.get(zone) ?? 0) + region.count / region.zones.length);
  return weights;
}
