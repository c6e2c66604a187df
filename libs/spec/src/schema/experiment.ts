/** The whole experiment file. */
import { Type, type Static } from '@sinclair/typebox';
import { AugmentationSchema } from './augmentation';
import { DatasetSchema } from './dataset';
import { EvaluationSchema } from './evaluation';
import { LossSchema } from './loss';
import { ModelSchema } from './model';
import { OptimizerSchema } from './optimizer';
import { PreprocessingSchema } from './preprocessing';
import { ReportSchema } from './report';
import { ScheduleSchema } from './schedule';
import { SplitSchema } from './split';
import { TaskSchema } from './task';
import { TrainingSchema } from './training';
import { GRID_KEY_PATTERN } from './grid-key';
import { SearchSchema } from './search';
import { anyValue, choice, closed, int, oneOrMany, text } from './primitives';

export { GRID_KEY_PATTERN };

export const BACKEND_NAMES = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'native', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const REPRODUCIBLE_MODES = ['default', 'strict'] as const;
export type ReproducibleMode = (typeof REPRODUCIBLE_MODES)[number];

export const ExperimentSchema = closed(
  {
    name: Type.Optional(text({ description: 'Results go to <results_dir>/<name>/. Default: the file name without .yaml.' })),
    description: Type.Optional(text()),
    extends: Type.Optional(oneOrMany(text(), { description: 'Experiment file(s) this one starts from; later files and this one win.' })),
    plugins: Type.Optional(
      Type.Array(text(), {
        minItems: 1,
        description:
          "Plug-in modules (TypeScript or JavaScript, relative to this file, or a package name) whose layers, losses, metrics and datasets this experiment uses like built-ins; see docs/plugins.md. Their source is part of every trial's identity.",
      }),
    ),
    vars: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), anyValue(), {
      description: 'Variables, referenced as ${vars.name}; variants and the grid may change them.',
    })),
    seed: Type.Optional(int({ default: 0, description: 'Base seed; with repeats: n the trials use seed, seed+1, ...' })),
    repeats: Type.Optional(int({ minimum: 1, default: 1 })),
    seeds: Type.Optional(Type.Array(int(), { minItems: 1, uniqueItems: true, description: 'Explicit seeds (instead of seed/repeats).' })),
    backend: Type.Optional(choice(BACKEND_NAMES, { default: 'auto', description: 'auto takes the first that works of tensorflow-gpu, webgpu (a hardware GPU adapter only), tensorflow, native and cpu; webgpu also runs on a software adapter (lavapipe) when asked for by name.' })),
    threads: Type.Optional(int({ minimum: 1, description: 'Compute threads of the native backends; default: all cores (1 with reproducible: strict).' })),
    reproducible: Type.Optional(
      choice(REPRODUCIBLE_MODES, {
        default: 'default',
        description:
          'strict: byte-identical results on any x86-64 CPU with AVX2, at a cost in speed: the native backend with oneDNN capped at AVX2 and a fixed thread count (1 unless threads says otherwise); GPU and libtensorflow backends are refused.',
      }),
    ),
    results_dir: Type.Optional(text({ default: 'results', description: 'Relative to the working directory.' })),
    dataset: DatasetSchema,
    preprocessing: Type.Optional(Type.Array(PreprocessingSchema)),
    split: Type.Optional(SplitSchema),
    augmentation: Type.Optional(Type.Array(AugmentationSchema)),
    model: ModelSchema,
    optimizer: OptimizerSchema,
    schedule: Type.Optional(ScheduleSchema),
    task: Type.Optional(TaskSchema),
    loss: Type.Optional(LossSchema),
    training: TrainingSchema,
    evaluation: Type.Optional(EvaluationSchema),
    grid: Type.Optional(
      Type.Record(Type.String({ pattern: GRID_KEY_PATTERN }), Type.Array(anyValue(), { minItems: 1 }), {
        description: 'Cartesian product over dotted paths; "a.b,c.d": [[1, 2], [3, 4]] zips two paths.',
      }),
    ),
    variants: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.Record(Type.String(), anyValue()), {
        description: 'Named patches ("w/o BN": {vars.bn: false}), each applied to the base; crossed with the grid.',
      }),
    ),
    search: Type.Optional(SearchSchema),
    report: Type.Optional(ReportSchema),
  },
  { title: 'ablate experiment' },
);

export type Experiment = Static<typeof ExperimentSchema>;

/** The top-level keys, in schema order: the canonical order of a resolved config. */
export const EXPERIMENT_KEYS = Object.keys(ExperimentSchema.properties);
