package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.encoder.TokenVectors;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.util.Nearest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ICU's analogous set: for every forget passage, the nearest candidate passage by sentence embedding (mean-pooled,
 * L2-normalised encoder states of the decoded prompt + suffix text), found by exact L2 search; paired index to
 * index, and two forget passages may share an analogue. The candidates' embeddings, the same for every forget set,
 * come from the cache when an earlier run computed them.
 */
final class Analogues {
  private Analogues() {}

  static List<PassagePool.Passage> nearest(List<PassagePool.Passage> forget, List<PassagePool.Passage> candidates,
      TextTokenizer lmTokenizer, TokenVectors encoder, ContinuationScorer.Layout layout, PreparedCache cache,
      String encoderName) {
    double[][] f = encoder.sentences(texts(forget, lmTokenizer, layout));
    List<String> candidateTexts = texts(candidates, lmTokenizer, layout);
    double[][] c = cache.sentences(encoderName, candidateTexts, () -> encoder.sentences(candidateTexts));
    List<PassagePool.Passage> out = new ArrayList<>();
    for (double[] q : f) {
      out.add(candidates.get(Nearest.index(q, c)));
    }
    return out;
  }

  private static List<String> texts(List<PassagePool.Passage> ps, TextTokenizer tok, ContinuationScorer.Layout l) {
    int from = l.prefixStart();
    int to = from + l.prefixLength() + l.suffixLength();
    return ps.stream().map(p -> tok.decode(Arrays.copyOfRange(p.tokens(), from, to))).toList();
  }
}
