// The one palette: the theme colours package.json contributes, used by the editor's highlights and the
// Corpus Overview alike, readable on the default light, dark and high-contrast editor backgrounds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ENTITY_TYPES } from '../../../extension/core/detect/types';

const root = join(__dirname, '../../../..');
const colors: { id: string; defaults: Record<string, string> }[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes
  .colors;
const css = readFileSync(join(root, 'media/overview/overview.css'), 'utf8');
const byId = new Map(colors.map((c) => [c.id, c.defaults]));
const colourId = (type: string): string => `sourceAnnotator.${type.charAt(0).toLowerCase()}${type.slice(1)}`;

/** The editor backgrounds (and selection) of VS Code's default themes. */
const THEMES = {
  dark: { background: '#1f1f1f', selection: '#264f78' },
  light: { background: '#ffffff', selection: '#add6ff' },
  highContrast: { background: '#000000', selection: '#ffffff' },
  highContrastLight: { background: '#ffffff', selection: '#0f4a85' },
} as const;

const rgb = (hex: string): [number, number, number, number] => {
  const h = hex.replace('#', '');
  const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
  return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
};
const over = (hex: string, background: string): [number, number, number] => {
  const [r, g, b, a] = rgb(hex);
  const [R, G, B] = rgb(background);
  return [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
};
const luminance = ([r, g, b]: [number, number, number]): number => {
  const c = (x: number) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
};
const contrast = (a: [number, number, number], b: [number, number, number]): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const hue = ([r, g, b]: [number, number, number]): number => {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h * 60;
};

test('every entity type and verdict has a colour for light, dark and both high-contrast themes, readable on its background', () => {
  const ids = [
    ...ENTITY_TYPES.map(colourId),
    'sourceAnnotator.claim',
    'sourceAnnotator.verdictSupported',
    'sourceAnnotator.verdictDisputed',
    'sourceAnnotator.verdictFalse',
    'sourceAnnotator.verdictOther',
  ];
  for (const id of ids) {
    const defaults = byId.get(id);
    assert.ok(defaults, `${id} is contributed`);
    for (const [theme, { background }] of Object.entries(THEMES)) {
      const value = defaults[theme];
      assert.match(value ?? '', /^#[0-9a-f]{6}$/i, `${id} has an opaque ${theme} value`);
      // 3:1 is WCAG's minimum for graphics and large text; an outline or a type label must be seen.
      assert.ok(
        contrast(over(value, background), rgb(background).slice(0, 3) as [number, number, number]) >= 3,
        `${id} (${value}) on the ${theme} background (${background})`,
      );
    }
  }
});

test('no confirmed entity’s fill is a shade of the selection’s blue', () => {
  for (const type of ENTITY_TYPES) {
    for (const theme of ['dark', 'light'] as const) {
      const fill = byId.get(`${colourId(type)}Background`)![theme];
      const { background, selection } = THEMES[theme];
      const distance = Math.abs(hue(over(fill, background)) - hue(rgb(selection).slice(0, 3) as [number, number, number]));
      assert.ok(
        Math.min(distance, 360 - distance) > 40,
        `${type}'s ${theme} fill (${fill}) is ${Math.round(distance)}° of hue from the selection (${selection})`,
      );
    }
  }
});

test('the overview colours each entity type with the same theme colour as the editor', () => {
  for (const type of ENTITY_TYPES) {
    const variable = `--vscode-${colourId(type).replace('.', '-')}`;
    assert.match(css, new RegExp(`\\.type-${type}[^{]*\\{[^}]*${variable}\\)`), `.type-${type} uses ${variable}`);
  }
  assert.doesNotMatch(css, /\.type-\w+[^{]*\{[^}]*--vscode-charts-/, 'no type is coloured with a chart colour');
});
