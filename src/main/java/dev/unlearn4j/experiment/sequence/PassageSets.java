package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.eval.generation.Cloze;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.UnlearnException;
import java.util.ArrayList;
import java.util.Collections;
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
    return new PassageSets(forget, sample(cand, ev.analogueCandidates(), seed),
        unseen.subList(0, Math.min(unseen.size(), ev.unseenPassages())));
  }

  List<int[]> unseenTokens() {
    return unseen.stream().map(PassagePool.Passage::tokens).toList();
  }

  /** Last-word cloze items cut from the decoded unseen passages. */
  List<Cloze.Item> clozeItems(TextTokenizer tok, SequenceEvalSpec ev, long seed) {
    return Cloze.items(unseen.stream().map(p -> tok.decode(p.tokens())).toList(), text -> tok.ids(text).length,
        ev.clozeContext(), ev.clozeItems(), seed);
  }

  /** A seeded sample of n passages (all when n is 0 or at least their number). */
  static List<PassagePool.Passage> sample(List<PassagePool.Passage> ps, int n, long seed) {
    if (n == 0 || n >= ps.size()) {
      return ps;
    }
    List<PassagePool.Passage> copy = new ArrayList<>(ps);
    Collections.shuffle(copy, Seeds.random(seed, "analogue.candidates"));
    return copy.subList(0, n);
  }
}
