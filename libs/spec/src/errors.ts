/**
 * Errors caused by what the user wrote or has on disk (a YAML mistake, a missing file, a shape
 * mismatch). The CLI prints them as one paragraph with no stack trace and exits non-zero; any other
 * exception is a bug in ablate and keeps its stack.
 */
export interface SourceLocation {
  file: string;
  /** 1-based; 0 when the source has no lines (a command-line option). */
  line: number;
  /** 1-based. */
  col: number;
}

export interface UserErrorDetails {
  /** Where in the user's files, when known. */
  at?: SourceLocation;
  /** The YAML path, e.g. `model.layers[3].filters`. */
  path?: string;
  /** What would be valid / how to fix it. */
  hint?: string;
}

export class UserError extends Error {
  readonly at?: SourceLocation;
  readonly path?: string;
  readonly hint?: string;

  constructor(message: string, details: UserErrorDetails = {}) {
    super(message);
    this.name = 'UserError';
    this.at = details.at;
    this.path = details.path;
    this.hint = details.hint;
  }

  /** `file:line:col: path: message. hint` — one paragraph. */
  format(): string {
    const where = !this.at ? '' : this.at.line > 0 ? `${this.at.file}:${this.at.line}:${this.at.col}: ` : `${this.at.file}: `;
    const path = this.path ? `${this.path}: ` : '';
    const hint = this.hint ? ` ${this.hint}` : '';
    return `${where}${path}${this.message}${hint}`;
  }
}

/** Several user errors found together (every schema error of a file, say). */
export class UserErrors extends UserError {
  readonly errors: UserError[];

  constructor(errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'UserErrors';
    this.errors = errors;
  }

  override format(): string {
    return this.errors.map((e) => e.format()).join('\n\n');
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
