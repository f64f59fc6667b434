package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.model.causal.PassagePool;
import dev.unlearn4j.util.UnlearnException;
import java.util.List;

/**
 * The passages of one run, from the original model's {@code passages.jsonl}: the chosen forget set, the analogue
 * candidates (a seeded sample of non-forget training passages) and the unseen passages (thresholds, perplexity).
 */
record PassageSets(List<PassagePool.Passage> forget, List<PassagePool.Passage> candidates,
    List<PassagePool.Passage> unseen) {

  static PassageSets of(List<PassagePool.Passage> all, int set, SequenceEvalSpec ev, long seed) {
    List<PassagePool.Passage> forget = all.stream().filter(p -> p.kind().equals("forget") && p.set() == set)
        .toList();
    if (forget.isEmpty()) {
      throw new UnlearnException("forgetSet " + set + ": the original model's passages.jsonl has no such set");
    }
    List<PassagePool.Passage> cand = all.stream().filter(p -> p.kind().equals("candidate")).toList();
    List<PassagePool.Passage> unseen = all.stream().filter(p -> p.kind().equals("unseen")).toList();
    if (cand.isEmpty() || unseen.isEmpty()) {
      throw new UnlearnException("passages.jsonl needs candidate and unseen passages (found " + cand.size()
          + " and " + unseen.size() + ")");
    }
    int len = forget.get(0).tokens().length;
    var l = ev.layout();
    if (l.prefixStart() + l.prefixLength() + l.suffixLength() > len) {
      throw new UnlearnException("eval.layout needs " + (l.prefixStart() + l.prefixLength() + l.suffixLength())
          + " tokens; the passages have " + len);
    }
    return new PassageSets(forget, SequenceRunner.sample(cand, ev.analogueCandidates(), seed),
        unseen.subList(0, Math.min(unseen.size(), ev.unseenPassages())));
  }

  List<int[]> unseenTokens() {
    return unseen.stream().map(PassagePool.Passage::tokens).toList();
  }

  /** The unseen passages back to back, one perplexity window each. */
  int[] unseenStream() {
    return unseen.stream().flatMapToInt(p -> java.util.Arrays.stream(p.tokens())).toArray();
  }
}
