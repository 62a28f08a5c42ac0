/**
 * The court directory and the commissaires de justice of the demo (issue 16): for every commune
 * the demo's debtors live in (demo.ts `cities`), its tribunal judiciaire and its commercial court
 * (a tribunal des activités économiques where one replaced the tribunal de commerce on 1 January
 * 2025; none in Alsace-Moselle, where the tribunal judiciaire's commercial chamber sits), with
 * their cour d'appel. Pure data; the server's seed writes it (source 'seed').
 *
 * DEMO ASSUMPTION: the courts' names, kinds and districts are the real ones, their codes are the
 * demo's own and the addresses are given for display, not checked against the Ministry's file. A
 * real agency imports the Ministry of Justice's dataset (POST /api/v1/courts/import), which
 * replaces these rows commune by commune. The commissaires are fictitious.
 */
export type DemoCourt = {
  code: string;
  kind: 'tribunal_judiciaire' | 'tribunal_commerce' | 'tribunal_activites_economiques';
  name: string;
  addressLine1: string;
  postalCode: string;
  city: string;
  courAppel: string;
};

export type DemoCompetence = { courtCode: string; communeCode: string; postalCode: string; communeName: string };

export type DemoCommissaire = {
  etude: string;
  name: string;
  addressLine1: string;
  postalCode: string;
  city: string;
  email: string | null;
  phone: string | null;
  acceptsEmail: boolean;
  courAppelDistricts: string[];
  active: boolean;
};

type City = {
  /** INSEE code of the commune (of the arrondissement for Paris, Lyon and Marseille). */
  insee: string;
  postalCode: string;
  commune: string;
  key: string;
  courAppel: string;
  tj: [name: string, address: string, postalCode: string];
  commercial: ['tribunal_commerce' | 'tribunal_activites_economiques', string, string, string] | null;
};

const cities: City[] = [
  { insee: '75111', postalCode: '75011', commune: 'Paris', key: 'PARIS', courAppel: 'Paris', tj: ['Tribunal judiciaire de Paris', 'Parvis du Tribunal de Paris', '75017'], commercial: ['tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004'] },
  { insee: '13201', postalCode: '13001', commune: 'Marseille', key: 'MARSEILLE', courAppel: 'Aix-en-Provence', tj: ['Tribunal judiciaire de Marseille', '6 rue Joseph Autran', '13006'], commercial: ['tribunal_activites_economiques', 'Tribunal des activités économiques de Marseille', '2 rue Émile Pollak', '13006'] },
  { insee: '69387', postalCode: '69007', commune: 'Lyon', key: 'LYON', courAppel: 'Lyon', tj: ['Tribunal judiciaire de Lyon', '67 rue Servient', '69003'], commercial: ['tribunal_activites_economiques', 'Tribunal des activités économiques de Lyon', '44 rue de Bonnel', '69003'] },
  { insee: '31555', postalCode: '31000', commune: 'Toulouse', key: 'TOULOUSE', courAppel: 'Toulouse', tj: ['Tribunal judiciaire de Toulouse', '2 allées Jules Guesde', '31000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Toulouse', 'Palais consulaire', '31000'] },
  { insee: '06088', postalCode: '06000', commune: 'Nice', key: 'NICE', courAppel: 'Aix-en-Provence', tj: ['Tribunal judiciaire de Nice', '3 place du Palais de Justice', '06300'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Nice', 'Palais consulaire', '06000'] },
  { insee: '44109', postalCode: '44000', commune: 'Nantes', key: 'NANTES', courAppel: 'Rennes', tj: ['Tribunal judiciaire de Nantes', '19 quai François Mitterrand', '44200'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Nantes', '1 quai François Mitterrand', '44200'] },
  { insee: '67482', postalCode: '67000', commune: 'Strasbourg', key: 'STRASBOURG', courAppel: 'Colmar', tj: ['Tribunal judiciaire de Strasbourg', '1 quai Finkmatt', '67000'], commercial: null },
  { insee: '34172', postalCode: '34000', commune: 'Montpellier', key: 'MONTPELLIER', courAppel: 'Montpellier', tj: ['Tribunal judiciaire de Montpellier', 'Place Pierre Flotte', '34000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Montpellier', 'Palais consulaire', '34000'] },
  { insee: '33063', postalCode: '33000', commune: 'Bordeaux', key: 'BORDEAUX', courAppel: 'Bordeaux', tj: ['Tribunal judiciaire de Bordeaux', '30 rue des Frères Bonie', '33000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Bordeaux', 'Palais de la Bourse', '33000'] },
  { insee: '59350', postalCode: '59000', commune: 'Lille', key: 'LILLE', courAppel: 'Douai', tj: ['Tribunal judiciaire de Lille', '13 avenue du Peuple Belge', '59000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Lille Métropole', 'Palais consulaire', '59000'] },
  { insee: '35238', postalCode: '35000', commune: 'Rennes', key: 'RENNES', courAppel: 'Rennes', tj: ['Tribunal judiciaire de Rennes', '7 rue Pierre Abélard', '35000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Rennes', '7 rue Pierre Abélard', '35000'] },
  { insee: '51454', postalCode: '51100', commune: 'Reims', key: 'REIMS', courAppel: 'Reims', tj: ['Tribunal judiciaire de Reims', 'Place Myron Herrick', '51100'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Reims', 'Palais consulaire', '51100'] },
  { insee: '76351', postalCode: '76600', commune: 'Le Havre', key: 'LE-HAVRE', courAppel: 'Rouen', tj: ['Tribunal judiciaire du Havre', '133 boulevard de Strasbourg', '76600'], commercial: ['tribunal_activites_economiques', 'Tribunal des activités économiques du Havre', 'Palais consulaire', '76600'] },
  { insee: '42218', postalCode: '42000', commune: 'Saint-Étienne', key: 'SAINT-ETIENNE', courAppel: 'Lyon', tj: ['Tribunal judiciaire de Saint-Étienne', '2 place Jean Jaurès', '42000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Saint-Étienne', 'Palais consulaire', '42000'] },
  { insee: '83137', postalCode: '83000', commune: 'Toulon', key: 'TOULON', courAppel: 'Aix-en-Provence', tj: ['Tribunal judiciaire de Toulon', 'Place Gabriel Péri', '83000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Toulon', 'Palais consulaire', '83000'] },
  { insee: '38185', postalCode: '38000', commune: 'Grenoble', key: 'GRENOBLE', courAppel: 'Grenoble', tj: ['Tribunal judiciaire de Grenoble', 'Place Firmin Gautier', '38000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Grenoble', 'Place Firmin Gautier', '38000'] },
  { insee: '21231', postalCode: '21000', commune: 'Dijon', key: 'DIJON', courAppel: 'Dijon', tj: ['Tribunal judiciaire de Dijon', '13 boulevard Clemenceau', '21000'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Dijon', 'Palais consulaire', '21000'] },
  { insee: '49007', postalCode: '49000', commune: 'Angers', key: 'ANGERS', courAppel: 'Angers', tj: ['Tribunal judiciaire d’Angers', 'Palais de justice', '49000'], commercial: ['tribunal_commerce', 'Tribunal de commerce d’Angers', 'Palais consulaire', '49000'] },
  { insee: '29019', postalCode: '29200', commune: 'Brest', key: 'BREST', courAppel: 'Rennes', tj: ['Tribunal judiciaire de Brest', '32 rue de Denver', '29200'], commercial: ['tribunal_commerce', 'Tribunal de commerce de Brest', 'Palais consulaire', '29200'] },
  { insee: '2A004', postalCode: '20000', commune: 'Ajaccio', key: 'AJACCIO', courAppel: 'Bastia', tj: ['Tribunal judiciaire d’Ajaccio', '4 boulevard Masseria', '20000'], commercial: ['tribunal_commerce', 'Tribunal de commerce d’Ajaccio', 'Palais consulaire', '20000'] },
];

const kindPrefix = { tribunal_judiciaire: 'TJ', tribunal_commerce: 'TC', tribunal_activites_economiques: 'TAE' } as const;

/** The courts of the demo's communes, two per commune (one in Strasbourg). */
export function demoCourts(): DemoCourt[] {
  return cities.flatMap((city) => {
    const tj: DemoCourt = { code: `DEMO-TJ-${city.key}`, kind: 'tribunal_judiciaire', name: city.tj[0], addressLine1: city.tj[1], postalCode: city.tj[2], city: city.commune, courAppel: city.courAppel };
    if (!city.commercial) return [tj];
    const [kind, name, addressLine1, postalCode] = city.commercial;
    return [tj, { code: `DEMO-${kindPrefix[kind]}-${city.key}`, kind, name, addressLine1, postalCode, city: city.commune, courAppel: city.courAppel }];
  });
}

/** The competence rows: each demo commune (its postal code) to each of its courts. */
export function demoCompetence(): DemoCompetence[] {
  const courts = demoCourts();
  return cities.flatMap((city) =>
    courts
      .filter((court) => court.code.endsWith(`-${city.key}`))
      .map((court) => ({ courtCode: court.code, communeCode: city.insee, postalCode: city.postalCode, communeName: city.commune })),
  );
}

/** One fictitious étude per cour d'appel district of the demo, and one deactivated. */
export function demoCommissaires(): DemoCommissaire[] {
  const districts = [...new Set(cities.map((city) => city.courAppel))];
  const names = ['Claire Morvan', 'Antoine Roche', 'Nadia Belkacem', 'Pierre Castel', 'Sophie Lemaire', 'Julien Faure', 'Anne Kieffer', 'Thomas Giraud', 'Marion Delmas', 'Luc Perrin', 'Isabelle Carré', 'Hugo Vidal', 'Céline Marchetti', 'Olivier Besson', 'Yannick Le Goff'];
  const seats = new Map(cities.map((city) => [city.courAppel, city] as const));
  const active = districts.map((district, index): DemoCommissaire => {
    const seat = cities.find((city) => city.commune === district) ?? (seats.get(district) as City);
    const name = names[index % names.length] as string;
    const slug = district.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z]+/g, '-');
    return {
      etude: `SELARL ${name.split(' ').slice(1).join(' ')} & Associés`,
      name: `Me ${name}`,
      addressLine1: `${10 + index} rue du Palais`,
      postalCode: seat.postalCode,
      city: seat.commune,
      email: `etude@cdj-${slug}.example.fr`,
      phone: null,
      // Two études of the demo take hand-overs by post only.
      acceptsEmail: index % 5 !== 4,
      courAppelDistricts: [district],
      active: true,
    };
  });
  return [
    ...active,
    {
      etude: 'SCP Moreau-Lenoir (fermée)',
      name: 'Me Bernard Moreau',
      addressLine1: '4 rue des Halles',
      postalCode: '44000',
      city: 'Nantes',
      email: null,
      phone: null,
      acceptsEmail: false,
      courAppelDistricts: ['Rennes'],
      active: false,
    },
  ];
}
