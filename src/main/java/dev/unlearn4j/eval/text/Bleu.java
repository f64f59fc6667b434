package dev.unlearn4j.eval.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence BLEU-4 with NLTK {@code sentence_bleu} semantics: one reference, weights ¼, no smoothing (method0: a
 * zero precision becomes the smallest normal double), brevity penalty, and 0 when no unigram matches.
 */
public final class Bleu {
  private Bleu() {}

  private static final double TINY = Double.MIN_NORMAL;   // 2.2250738585072014e-308, as NLTK's method0

  /** BLEU-4 of whitespace-free token lists. */
  public static double sentenceBleu(List<String> reference, List<String> candidate) {
    if (candidate.isEmpty()) {
      return 0.0;
    }
    double[] logs = new double[4];
    for (int n = 1; n <= 4; n++) {
      Map<List<String>, Integer> ref = ngrams(reference, n);
      Map<List<String>, Integer> cand = ngrams(candidate, n);
      int num = 0;
      int total = 0;
      for (Map.Entry<List<String>, Integer> e : cand.entrySet()) {
        num += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
        total += e.getValue();
      }
      if (n == 1 && num == 0) {
        return 0.0;
      }
      int den = Math.max(1, total);
      logs[n - 1] = 0.25 * Math.log(num == 0 ? TINY : (double) num / den);
    }
    int r = reference.size();
    int c = candidate.size();
    double bp = c > r ? 1.0 : Math.exp(1.0 - (double) r / c);
    return bp * Math.exp(fsum(logs));
  }

  /** BLEU of two texts tokenised as ICU does: {@code word_tokenize(text.lower())}. */
  public static double ofTexts(String reference, String candidate) {
    return sentenceBleu(WordTokenizer.tokenize(reference.toLowerCase()),
        WordTokenizer.tokenize(candidate.toLowerCase()));
  }

  static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      m.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return m;
  }

  /** Compensated (Neumaier) summation, standing in for Python's math.fsum. */
  static double fsum(double[] xs) {
    double sum = 0;
    double c = 0;
    for (double x : xs) {
      double t = sum + x;
      c += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return sum + c;
  }
}
