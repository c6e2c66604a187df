/** Dotted paths into the experiment, as `grid:` and `search.space` name what they change. */

/** One dotted path: `optimizer.lr`, `model.layers.3.filters`. */
export const DOTTED_PATH_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$';

/** A dotted path into the experiment (`optimizer.lr`), or several joined by commas to zip them. */
export const GRID_KEY_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*(,[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*)*$';
