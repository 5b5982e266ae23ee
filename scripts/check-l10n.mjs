// Fails when a user-facing text of package.json is not a %key% of package.nls.json, when package.nls.json
// has keys nothing uses, or when l10n/bundle.l10n.json differs from what `npm run l10n` extracts from the
// sources (a message added, changed or removed without regenerating the translators' file).
// Usage: node scripts/check-l10n.mjs [--root DIR]   (DIR defaults to this repository; the unit test points it at fixtures)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const KEY = /^%([^%]+)%$/;
const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx']);

/** Every text of package.json that VS Code or the Marketplace shows to users, with where it is. */
function* localizableTexts(pkg) {
  const field = function* (object, name, where) {
    if (object && typeof object[name] === 'string') yield [`${where}.${name}`, object[name]];
  };
  const fields = function* (list, names, where, id) {
    for (const [i, item] of (list ?? []).entries()) for (const name of names) yield* field(item, name, `${where}[${item?.[id] ?? i}]`);
  };
  yield* field(pkg, 'displayName', 'package');
  yield* field(pkg, 'description', 'package');
  yield* field(pkg.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces');
  yield* field(pkg.capabilities?.virtualWorkspaces, 'description', 'capabilities.virtualWorkspaces');
  const c = pkg.contributes ?? {};
  yield* fields(c.commands, ['title', 'shortTitle', 'category'], 'commands', 'command');
  yield* fields(c.submenus, ['label'], 'submenus', 'id');
  for (const configuration of [c.configuration ?? []].flat()) {
    yield* field(configuration, 'title', 'configuration');
    for (const [key, setting] of Object.entries(configuration.properties ?? {})) {
      for (const name of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'])
        yield* field(setting, name, key);
      for (const name of ['enumDescriptions', 'markdownEnumDescriptions']) {
        for (const [i, text] of (setting[name] ?? []).entries()) yield [`${key}.${name}[${i}]`, text];
      }
    }
  }
  yield* fields(c.colors, ['description'], 'colors', 'id');
  for (const [place, list] of Object.entries(c.viewsContainers ?? {})) yield* fields(list, ['title'], `viewsContainers.${place}`, 'id');
  for (const [container, list] of Object.entries(c.views ?? {}))
    yield* fields(list, ['name', 'contextualTitle'], `views.${container}`, 'id');
  yield* fields(c.viewsWelcome, ['contents'], 'viewsWelcome', 'view');
  for (const walkthrough of c.walkthroughs ?? []) {
    const where = `walkthroughs[${walkthrough.id}]`;
    yield* field(walkthrough, 'title', where);
    yield* field(walkthrough, 'description', where);
    for (const step of walkthrough.steps ?? []) {
      yield* fields([step], ['title', 'description'], `${where}.steps`, 'id');
      yield* field(step.media, 'altText', `${where}.steps[${step.id}].media`);
    }
  }
}

/** Every %key% placeholder anywhere in package.json, localizable field or not. */
function placeholders(value, out = new Set()) {
  if (typeof value === 'string') {
    const m = KEY.exec(value);
    if (m) out.add(m[1]);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) placeholders(v, out);
  }
  return out;
}

/** The folders `npm run l10n` extracts messages from: the arguments of its `export` that are not options. */
function sourceFolders(pkg) {
  const words = (pkg.scripts?.l10n ?? '').split(/\s+/);
  const folders = [];
  for (let i = words.indexOf('export') + 1; i > 0 && i < words.length; i++) {
    if (words[i].startsWith('--')) i++;
    else if (words[i]) folders.push(words[i]);
  }
  return folders;
}

function scriptFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : scriptFiles(p);
    return SCRIPT_EXTENSIONS.has(extname(name)) ? [p] : [];
  });
}

const canonical = (value) => JSON.stringify(value);

async function check(root) {
  const problems = [];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nlsPath = join(root, 'package.nls.json');
  const nls = existsSync(nlsPath) ? JSON.parse(readFileSync(nlsPath, 'utf8')) : {};
  if (!existsSync(nlsPath)) problems.push('package.nls.json is missing');

  for (const [where, text] of localizableTexts(pkg)) {
    const m = KEY.exec(text);
    if (!m) problems.push(`${where} is not localized: "${text.slice(0, 60)}" (use a %key% from package.nls.json)`);
  }
  const used = placeholders(pkg);
  for (const key of used) if (!(key in nls)) problems.push(`%${key}% is used in package.json but package.nls.json has no "${key}"`);
  for (const key of Object.keys(nls)) if (!used.has(key)) problems.push(`package.nls.json has "${key}", which package.json never uses`);

  let messages = 0;
  if (!pkg.l10n) problems.push('package.json has no "l10n" folder for the message bundle');
  else {
    const folders = sourceFolders(pkg);
    if (folders.length === 0) problems.push('package.json has no "l10n" script (vscode-l10n-dev export …) to regenerate the bundle');
    const files = folders.flatMap((f) => scriptFiles(join(root, f)));
    const expected = await getL10nJson(files.map((f) => ({ extension: extname(f), contents: readFileSync(f, 'utf8') })));
    messages = Object.keys(expected).length;
    const bundlePath = join(root, pkg.l10n, 'bundle.l10n.json');
    const actual = existsSync(bundlePath) ? JSON.parse(readFileSync(bundlePath, 'utf8')) : null;
    const stale = (key) => `${relative(root, bundlePath)} is out of date (run npm run l10n): ${key}`;
    if (!actual) {
      if (messages > 0) problems.push(`${relative(root, bundlePath)} is missing (run npm run l10n)`);
    } else {
      for (const key of Object.keys(expected)) {
        if (!(key in actual)) problems.push(stale(`"${key.slice(0, 60)}" is in the sources but not in the bundle`));
        else if (canonical(actual[key]) !== canonical(expected[key])) problems.push(stale(`"${key.slice(0, 60)}" differs`));
      }
      for (const key of Object.keys(actual))
        if (!(key in expected)) problems.push(stale(`"${key.slice(0, 60)}" is no longer in the sources`));
    }
  }
  return { problems, texts: used.size, messages };
}

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : new URL('..', import.meta.url).pathname;
const { problems, texts, messages } = await check(root);
if (problems.length) {
  console.error('l10n:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`l10n: ok (${texts} package.json texts in package.nls.json, ${messages} messages in the bundle)`);
