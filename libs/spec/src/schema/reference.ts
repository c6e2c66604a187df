/**
 * docs/yaml-reference.md, rendered from the same TypeBox definitions as schemas/*.json: every
 * section, every `type:` of every family (datasets, layers, optimizers, ...) and every field with
 * its accepted values, default and description. `npm run schema` writes it; a test checks that
 * the committed file is current.
 */
import { describeSchema, withArticle } from '../validate/describe-schema';
import { ExperimentSchema } from './experiment';
import { extendSchema } from '../registry/extensions';
import { EarlyStoppingSchema } from './training';
import { BlockCallSchema, BlockSchema, LayerSchema, RepeatSchema } from './model';
import { columnLabel, METRICS, TRIAL_COLUMN_REGISTRY, type ColumnLook } from '../registry/metrics';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; oneOf?: Schema[] };

const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function isTaggedUnion(s: Schema | undefined): boolean {
  return !!s && Array.isArray(s.oneOf) && typeof s.discriminator === 'object';
}

/** The part of a field's schema worth describing: the item schema of a list of tagged components. */
function valueWords(field: Schema): string {
  if (isTaggedUnion(field)) return `${withArticle(String(field.title))} (\`type:\` below)`;
  const items = field.items as Schema | undefined;
  if (field.type === 'array' && isTaggedUnion(items)) return `a list of ${String(items?.title)}s (\`type:\` below)`;
  if (field.type === 'array' && items?.title === 'graph item') return 'a list of layers, block calls and repeats';
  return describeSchema(field);
}

function fieldsTable(schema: Schema, skip: readonly string[] = []): string[] {
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, field]) => {
      const dflt = field.default === undefined ? '' : `\`${JSON.stringify(field.default)}\``;
      const key = required.has(name) ? `**\`${name}\`**` : `\`${name}\``;
      const words = valueWords(field);
      const description = String(field.description ?? '');
      return `| ${key} | ${cellText(words)} | ${dflt} | ${words.includes(description) ? '' : cellText(description)} |`;
    });
  if (rows.length === 0) return ['No fields besides `type`.'];
  return ['| field | value | default | description |', '|---|---|---|---|', ...rows];
}

/** One sub-heading per member of a family chosen by `type:`. */
function family(union: Schema, level: string, common: readonly string[]): string[] {
  const out: string[] = [];
  for (const member of union.oneOf ?? []) {
    const type = member.properties?.type as Schema;
    out.push('', `${level} \`type: ${String(type.const)}\``, '');
    if (type.description) out.push(String(type.description), '');
    out.push(...fieldsTable(member, ['type', ...common]));
  }
  return out;
}

function commonFields(union: Schema): string[] {
  const [first, ...rest] = union.oneOf ?? [];
  if (!first) return [];
  return Object.keys(first.properties ?? {}).filter((k) => k !== 'type' && rest.every((m) => m.properties?.[k] !== undefined && JSON.stringify(m.properties[k]) === JSON.stringify(first.properties?.[k])));
}

function unionSection(name: string, union: Schema): string[] {
  const common = commonFields(union);
  const out = [`## \`${name}\``, ''];
  if (union.description) out.push(String(union.description), '');
  out.push(`Choose with \`type:\` one of ${(union.oneOf ?? []).map((m) => `\`${String((m.properties?.type as Schema).const)}\``).join(', ')}.`);
  if (common.length) {
    const sample = union.oneOf?.[0] as Schema;
    out.push('', 'Fields every type accepts:', '', ...fieldsTable({ properties: Object.fromEntries(common.map((k) => [k, sample.properties?.[k] as Schema])) }));
  }
  return [...out, ...family(union, '###', common)];
}

function objectSection(name: string, schema: Schema, extra: string[] = []): string[] {
  return [`## \`${name}\``, '', ...(schema.description ? [String(schema.description), ''] : []), ...fieldsTable(schema), ...extra];
}

const tasks = (list: readonly string[]) => (list.length === 3 ? 'all' : list.join(', ') || '—');

/** The metric registry as a table: the names report columns, monitors and the search metric take. */
function metricsSection(): string[] {
  const look = (e: ColumnLook) => `${e.better === 'none' ? 'not ranked' : `${e.better === 'max' ? 'higher' : 'lower'} is better`}; shown as ${columnLabel(e, e.scale)}`;
  return [
    '## Metrics and results columns',
    '',
    'Every trial records `test.<metric>` (and `corrupt.<condition>.<metric>` under `evaluation.corruptions`) for each metric of its task,',
    '`val.<metric>` when the split has a validation part, and the trial columns below. The history (`history.csv`, early stopping,',
    'plateau schedules, searches) has `train.<metric>` and `val.<metric>` for the metrics recorded each epoch. A report column takes',
    'its header, scale, precision, format and direction (`better`) from here unless it sets them.',
    '',
    '| metric | tasks | each epoch | table | description |',
    '|---|---|---|---|---|',
    ...METRICS.entries().map((m) => {
      const epoch = [...m.train.length ? [`train (${tasks(m.train)})`] : [], ...m.epoch.length ? [`val (${tasks(m.epoch)})`] : []].join(', ') || '—';
      return `| \`${m.name}\` | ${tasks(m.tasks)} | ${epoch} | ${look(m)} | ${m.description} |`;
    }),
    '',
    '| trial column | table | description |',
    '|---|---|---|',
    ...TRIAL_COLUMN_REGISTRY.entries().map((c) => `| \`${c.name}\` | ${look(c)} | ${c.description} |`),
  ];
}

export function yamlReference(): string {
  // With the components ablate defines as plug-ins do (libs/plugins/src/builtin/) in their families.
  const root = extendSchema(JSON.parse(JSON.stringify(ExperimentSchema)) as unknown as Schema);
  const props = root.properties as Record<string, Schema>;
  const unwrap = (s: Schema): Schema => (s.type === 'array' && s.items ? (s.items as Schema) : s);
  const lines = [
    '# Experiment YAML reference',
    '',
    '<!-- Generated by `npm run schema` from libs/spec (the source of schemas/*.json). Do not edit. -->',
    '',
    'An experiment file is a mapping with the keys below (**bold**: required). Wherever a number or a',
    'boolean is expected, a `${...}` expression is accepted too (`${vars.width * 2}`, `${data.classes}`).',
    'The JSON Schema is `schemas/experiment.schema.json`; model files use `schemas/model.schema.json`.',
    '',
    '## Top level',
    '',
    ...fieldsTable(root),
  ];
  for (const [key, field] of Object.entries(props)) {
    const s = unwrap(field);
    if (isTaggedUnion(s)) lines.push('', ...unionSection(key, s));
  }
  const model = props.model;
  lines.push(
    '',
    ...objectSection('model', model, [
      '',
      'Each item of `layers:` (and of a block\'s `layers:`) is a layer (`type:`), a block call (`block:`) or a repeat (`repeat:`).',
      '',
      '### Block definition (`model.blocks.<name>`)',
      '',
      ...fieldsTable(BlockSchema as unknown as Schema),
      '',
      '### Block call',
      '',
      ...fieldsTable(BlockCallSchema as unknown as Schema),
      '',
      '### Repeat',
      '',
      String((RepeatSchema as unknown as Schema).description),
      '',
      ...fieldsTable(RepeatSchema as unknown as Schema),
    ]),
  );
  lines.push('', ...unionSection('layers', extendSchema(JSON.parse(JSON.stringify(LayerSchema)) as unknown as Schema)).map((l) => (l === '## `layers`' ? '## Layers (`model.layers[]`)' : l)));
  lines.push('', ...objectSection('training', props.training, ['', '### `training.early_stopping`', '', ...fieldsTable(EarlyStoppingSchema as unknown as Schema)]));
  const evaluation = props.evaluation;
  lines.push('', ...objectSection('evaluation', evaluation));
  const corruptions = unwrap((evaluation.properties as Record<string, Schema>).corruptions);
  lines.push('', '### `evaluation.corruptions[]`', '', ...family(corruptions, '####', []));
  const search = props.search;
  const searchProps = search.properties as Record<string, Schema>;
  const space = Object.values((searchProps.space.patternProperties ?? {}) as Record<string, Schema>)[0];
  lines.push(
    '',
    ...objectSection('search', search, [
      '',
      '### `search.space.<path>`',
      '',
      ...(space ? unionSection('space', space).slice(2).map((l) => l.replace(/^### /, '#### ')) : []),
      '',
      '### `search.sampler`',
      '',
      ...family(searchProps.sampler, '####', []),
      '',
      '### `search.pruner`',
      '',
      ...family(searchProps.pruner, '####', []),
    ]),
  );
  const report = props.report;
  lines.push('', ...objectSection('report', report, ['', '### `report.columns[]`', '', ...fieldsTable(unwrap((report.properties as Record<string, Schema>).columns))]));
  lines.push('', ...metricsSection());
  return lines.join('\n') + '\n';
}
