/**
 * `search:` hyperparameter search: a space over dotted paths of the experiment, a sampler, a
 * budget, the validation metric it optimises, an optional pruner and the confirmation of the best
 * configurations over more seeds. Bounds are plain numbers (not `${...}`): the sampler reads them
 * before any config is resolved.
 */
import { Type, type Static } from '@sinclair/typebox';
import { anyValue, closed, text } from './primitives';
import { taggedUnion } from './tagged-union';
import { DOTTED_PATH_PATTERN } from './grid-key';

const number = (description: string) => Type.Number({ description });
const positiveInt = (description: string, dflt?: number) => Type.Integer({ minimum: 1, description, ...(dflt === undefined ? {} : { default: dflt }) });

const WHEN = Type.Optional(
  Type.Record(Type.String({ pattern: DOTTED_PATH_PATTERN }), anyValue(), {
    description: 'The parameter exists only when these other parameters of the space have these values (a value, or a list of allowed values): { optimizer.type: sgd }.',
  }),
);

export const SEARCH_PARAMETER_CATALOG = {
  uniform: closed({ low: number('Lowest value.'), high: number('Highest value.'), step: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Values are low + k * step.' })) }, { description: 'A real number drawn uniformly in [low, high].' }),
  log_uniform: closed({ low: Type.Number({ exclusiveMinimum: 0, description: 'Lowest value (> 0).' }), high: number('Highest value.') }, { description: 'A real number whose logarithm is uniform in [log low, log high] (learning rates, weight decay).' }),
  int: closed(
    {
      low: Type.Integer({ description: 'Lowest value.' }),
      high: Type.Integer({ description: 'Highest value (included).' }),
      step: Type.Optional(Type.Integer({ minimum: 1, description: 'Values are low + k * step.' })),
      log: Type.Optional(Type.Boolean({ default: false, description: 'Draw on a logarithmic scale (low >= 1).' })),
    },
    { description: 'A whole number in [low, high].' },
  ),
  choice: closed({ values: Type.Array(anyValue(), { minItems: 1, description: 'The values to choose from (numbers, names, booleans, mappings).' }) }, { description: 'One of a list of values.' }),
};

export const SearchParameterSchema = taggedUnion('search parameter', SEARCH_PARAMETER_CATALOG, { when: WHEN });

export const SEARCH_SAMPLER_CATALOG = {
  random: closed({}, { description: 'Independent uniform draws (seeded).' }),
  tpe: closed(
    {
      startup_trials: Type.Optional(Type.Integer({ minimum: 0, default: 10, description: 'Random trials before the model of the good and bad trials is used.' })),
      ei_candidates: Type.Optional(positiveInt('Candidates drawn from the good trials’ density; the one with the best ratio is proposed.', 24)),
      gamma: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1, description: 'Fraction of the finished trials that count as good: min(ceil(gamma n), 25) of n (Optuna’s default_gamma).' })),
      prior_weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 1, description: 'Weight of the prior (the whole range) in each density.' })),
    },
    { description: 'Tree-structured Parzen estimator (Bergstra et al. 2011), as Optuna’s TPESampler.' },
  ),
};

export const SEARCH_PRUNER_CATALOG = {
  none: closed({}, { description: 'Every trial runs all its epochs.' }),
  median: closed(
    {
      startup_trials: Type.Optional(Type.Integer({ minimum: 0, default: 5, description: 'Trials that must have reported an epoch before any is pruned at it.' })),
      warmup_epochs: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Epochs a trial runs before it may be pruned.' })),
    },
    { description: 'Stops a trial whose value at an epoch is worse than the median of the other trials at that epoch.' },
  ),
  asha: closed(
    {
      min_epochs: Type.Optional(positiveInt('The first rung: epochs every trial runs.', 1)),
      reduction_factor: Type.Optional(Type.Integer({ minimum: 2, default: 3, description: 'Rungs at min_epochs * reduction_factor^k; a trial goes on past a rung when it is in the best 1/reduction_factor of the trials that reached it.' })),
    },
    { description: 'Asynchronous successive halving (Li et al. 2020).' },
  ),
};

const SamplerUnion = taggedUnion('search sampler', SEARCH_SAMPLER_CATALOG);
const PrunerUnion = taggedUnion('search pruner', SEARCH_PRUNER_CATALOG);
export const SearchSamplerSchema = Type.Unsafe<Static<typeof SamplerUnion>>({ ...SamplerUnion, default: { type: 'tpe' }, description: 'How the next configuration is chosen. Default: tpe.' });
export const SearchPrunerSchema = Type.Unsafe<Static<typeof PrunerUnion>>({ ...PrunerUnion, default: { type: 'none' }, description: 'Which trials stop early, from the metric each reports at its epochs. Default: none.' });

export const SearchSchema = closed(
  {
    space: Type.Record(Type.String({ pattern: DOTTED_PATH_PATTERN }), SearchParameterSchema, {
      minProperties: 1,
      description: 'The parameters searched, by dotted path (as grid keys): optimizer.lr, vars.dropout, training.batch_size.',
    }),
    sampler: Type.Optional(SearchSamplerSchema),
    seed: Type.Optional(Type.Integer({ description: "The study's seed (the sequence of proposals). Default: the experiment's first seed." })),
    trials: Type.Optional(positiveInt('Budget: configurations to try (each runs with every seed of the experiment).')),
    hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "Budget: no new configuration is proposed after this much wall time of the study (resumes count the earlier runs' time)." })),
    metric: text({ description: 'The validation metric optimised, a history column: val.oa, val.loss, val.psnr. Never a test metric.' }),
    direction: Type.Optional(Type.Union([Type.Literal('maximize'), Type.Literal('minimize')], { description: 'Default: minimize for a loss (a metric named *loss*, *mse* or *mae*), maximize otherwise.' })),
    pruner: Type.Optional(SearchPrunerSchema),
    confirm: Type.Optional(
      closed(
        { top: positiveInt('How many of the best configurations.'), seeds: positiveInt('Seeds each is run with, new ones after the seeds of the search.') },
        { description: 'After the budget, run the best configurations again over more seeds, as ordinary trials, and table them (mean ± std).' },
      ),
    ),
  },
  { title: 'search' },
);
