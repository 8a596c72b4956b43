// How an API method is declared: a zod schema for its one plain-object argument and, as a type only,
// its plain-data result. Every area declares its methods with `method(...)` in
// core/common/api/<area>.ts; index.ts composes them into the one `CasepackApi`.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  /** Validates the argument on the host side of every transport before the handler runs. */
  readonly input: I;
  /** One line for the API reference (docs/technical/api.md). */
  readonly summary: string;
  /** Type-only marker for the result; never set at runtime. */
  readonly result?: R;
}

/**
 * Declare a method: `method(schema, 'what it does').returns<Result>()`.
 * The argument is always one plain object, so the schema must be a zod object.
 */
export function method<I extends z.ZodObject>(input: I, summary: string) {
  return {
    returns<R>(): MethodSpec<I, R> {
      return { input, summary };
    },
  };
}

export type MethodTable = Record<string, MethodSpec>;

export type ArgOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedArgOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type ResultOf<M> = M extends MethodSpec<z.ZodType, infer R> ? R : never;

/** The caller's view: what the renderer, the CLI and tests call (argument before defaults apply). */
export type ClientOf<T extends MethodTable> = {
  [K in keyof T]: (arg: ArgOf<T[K]>) => Promise<ResultOf<T[K]>>;
};

/** The host's view: handlers receive the argument after validation (defaults applied). */
export type HandlersOf<T extends MethodTable> = {
  [K in keyof T]: (arg: ParsedArgOf<T[K]>) => Promise<ResultOf<T[K]>>;
};
