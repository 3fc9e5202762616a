// What a check works out once for a report and its rules share (its prose lines, figures, breakdowns …), kept on the
// report's own model or binding rather than in module-level WeakMaps. V8's scavenger keeps a WeakMap's young entries
// alive, and an entry whose value points back at its key (an analysis of a model holds the model's lines) keeps
// the key too: every report's model and analyses outlived its check, were copied by each scavenge and promoted to
// the old generation (~75 KB of each corpus report's check; 2 MB at each scavenge of a folder run).

/** a report's own store of what its check worked out, one entry per kind of analysis (a copy made with `{ ...model }`
 * shares it: give the copy a `memo` of its own when its analyses must be made again) */
export interface Memoized {
  readonly memo: Map<PerReport<never, unknown>, unknown>;
}

/** One kind of analysis of a report, kept in the report's `memo` for as long as the report lives. */
export class PerReport<K extends Memoized, V> {
  get(report: K): V | undefined {
    return report.memo.get(this) as V | undefined;
  }

  set(report: K, value: V): this {
    report.memo.set(this, value);
    return this;
  }
}
