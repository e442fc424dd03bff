/**
 * The fast-check arbitrary of a walk: an array of choices (natural numbers:
 * the first sets the walk's pace, each later one is taken modulo the
 * number of successors it picks among; see walk.ts). Generated at
 * full length, so that every walk of the search may go maxSteps deep; shrunk
 * first by the candidates a `Shrinks` function offers (see shrink.ts), then
 * as fast-check shrinks any array of naturals up to that length (it keeps
 * suffixes, drops elements after a kept prefix, lowers choices towards 0).
 */
import * as fc from 'fast-check';

/** Extra shrink candidates for a value, offered first, lazily. */
export type Shrinks = (value: readonly number[]) => IterableIterator<number[]>;

class WalkChoices extends fc.Arbitrary<number[]> {
  private readonly full: fc.Arbitrary<number[]>;
  private readonly any: fc.Arbitrary<number[]>;

  constructor(
    maxSteps: number,
    private readonly shrinks: Shrinks | undefined,
  ) {
    super();
    this.full = fc.array(fc.nat(), { minLength: maxSteps + 1, maxLength: maxSteps + 1 });
    this.any = fc.array(fc.nat(), { maxLength: maxSteps + 1 });
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<number[]> {
    return this.full.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is number[] {
    return this.any.canShrinkWithoutContext(value);
  }

  // A full-length array's context has the shape the shorter arbitrary reads (both are fast-check arrays of nat).
  shrink(value: number[], context: unknown): fc.Stream<fc.Value<number[]>> {
    const own = this.shrinks;
    const first = own === undefined ? fc.Stream.nil<fc.Value<number[]>>() : new fc.Stream(own(value)).map((v) => new fc.Value(v, undefined));
    return first.join(this.any.shrink(value, context));
  }
}

export function walkChoices(maxSteps: number, shrinks?: Shrinks): fc.Arbitrary<number[]> {
  return new WalkChoices(maxSteps, shrinks);
}
