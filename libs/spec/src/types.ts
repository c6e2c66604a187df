/** Static types of the language, derived from the schemas (never written twice). */
import type { Static } from '@sinclair/typebox';
import type { AugmentationSchema } from './schema/augmentation';
import type { DatasetSchema } from './schema/dataset';
import type { CorruptionSchema, EvaluationSchema } from './schema/evaluation';
import type { LossSchema } from './schema/loss';
import type { TaskSchema } from './schema/task';
import type { BlockCallSchema, BlockSchema, GraphItemSchema, LayerSchema, ModelSchema, RepeatSchema } from './schema/model';
import type { OptimizerSchema } from './schema/optimizer';
import type { PreprocessingSchema } from './schema/preprocessing';
import type { ColumnSchema, PlotSchema, ReportSchema } from './schema/report';
import type { ScheduleSchema } from './schema/schedule';
import type { SearchParameterSchema, SearchPrunerSchema, SearchSamplerSchema, SearchSchema } from './schema/search';
import type { SplitSchema } from './schema/split';
import type { EarlyStoppingSchema, TrainingSchema } from './schema/training';

export type DatasetSpec = Static<typeof DatasetSchema>;
export type PreprocessingSpec = Static<typeof PreprocessingSchema>;
export type SplitSpec = Static<typeof SplitSchema>;
export type AugmentationSpec = Static<typeof AugmentationSchema>;
export type ModelSpec = Static<typeof ModelSchema>;
export type BlockSpec = Static<typeof BlockSchema>;
export type GraphItemSpec = Static<typeof GraphItemSchema>;
export type LayerSpec = Static<typeof LayerSchema>;
export type BlockCallSpec = Static<typeof BlockCallSchema>;
export type RepeatSpec = Static<typeof RepeatSchema>;
export type OptimizerSpec = Static<typeof OptimizerSchema>;
export type ScheduleSpec = Static<typeof ScheduleSchema>;
export type LossSpec = Static<typeof LossSchema>;
export type TaskSpec = Static<typeof TaskSchema>;
export type TrainingSpec = Static<typeof TrainingSchema>;
export type EarlyStoppingSpec = Static<typeof EarlyStoppingSchema>;
export type EvaluationSpec = Static<typeof EvaluationSchema>;
export type CorruptionSpec = Static<typeof CorruptionSchema>;
export type ReportSpec = Static<typeof ReportSchema>;
export type SearchSpec = Static<typeof SearchSchema>;
export type SearchParameterSpec = Static<typeof SearchParameterSchema>;
export type SearchSamplerSpec = Static<typeof SearchSamplerSchema>;
export type SearchPrunerSpec = Static<typeof SearchPrunerSchema>;
/** `search:` after searchWithDefaults: sampler, pruner (each with its options), seed and direction filled in. */
export type ResolvedSearch = Omit<SearchSpec, 'sampler' | 'pruner' | 'seed' | 'direction'> & {
  sampler: SearchSamplerSpec;
  pruner: SearchPrunerSpec;
  seed: number;
  direction: 'maximize' | 'minimize';
};
export type ReportColumnSpec = Static<typeof ColumnSchema>;
/** One entry of `report.plots` written with options (`{ type: sensitivity, grid: [optimizer.lr] }`). */
export type PlotSpec = Static<typeof PlotSchema>;
/** A report column after libs/spec's reportWithDefaults: every option that has a default has its value. */
export type ResolvedReportColumn = ReportColumnSpec & Required<Pick<ReportColumnSpec, 'scale' | 'precision' | 'format' | 'better'>>;
/** `report:` after reportWithDefaults (`columns` stays optional: without it the report chooses by task). */
export type ResolvedReport = Omit<ReportSpec, 'columns' | 'significance'> &
  Required<Pick<ReportSpec, 'layout' | 'width' | 'plots' | 'figure_width' | 'figure_titles'>> & { columns?: ResolvedReportColumn[]; significance: Required<NonNullable<ReportSpec['significance']>> };
