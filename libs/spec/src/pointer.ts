/**
 * Paths into a document. Internally a JSON Pointer (`/model/layers/3/filters`, the form ajv reports);
 * shown to users as a YAML path (`model.layers[3].filters`).
 */
export type Pointer = string;

export function escapeSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(segments: readonly (string | number)[]): Pointer {
  return segments.map((s) => '/' + escapeSegment(String(s))).join('');
}

export function fromPointer(pointer: Pointer): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function childPointer(parent: Pointer, segment: string | number): Pointer {
  return `${parent}/${escapeSegment(String(segment))}`;
}

export function parentPointer(pointer: Pointer): Pointer {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `model.layers[3].filters`; odd keys are quoted: `variants["w/o BN"]`. */
export function displayPath(pointer: Pointer): string {
  let out = '';
  for (const segment of fromPointer(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** Dotted path (`optimizer.lr`, `model.layers.3.filters`) → pointer. */
export function dottedToPointer(dotted: string): Pointer {
  return toPointer(dotted.split('.'));
}
