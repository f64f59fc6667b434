package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.builtin.BrownGenres;
import dev.unlearn4j.model.TextTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Held-out text from another corpus than the one the model was trained on, so that "keeps its knowledge" is also
 * measured off the training distribution: one window of {@code length} model tokens from the start of each of a
 * seeded sample of documents, scored for perplexity like the unseen passages.
 */
final class OffDomain {
  private OffDomain() {}

  static final List<String> CORPORA = List.of("brown");

  /** Checks a corpus name from {@code eval.offDomain} ("" for none). */
  static void require(String corpus) {
    if (!corpus.isEmpty() && !CORPORA.contains(corpus)) {
      throw new ConfigException("key 'eval.offDomain' must be one of " + CORPORA + " or empty, got '" + corpus
          + "'");
    }
  }

  /**
   * The first {@code length} tokens of {@code n} documents of {@code corpus} (the Brown corpus: 500 documents of
   * 15 genres, 1961 American English), documents drawn in a seeded order; shorter documents are skipped.
   */
  static List<int[]> passages(String corpus, TextTokenizer tok, int length, int n, long seed) {
    require(corpus);
    List<Example> docs = new ArrayList<>(new BrownGenres(new BrownGenres.Args(Math.max(5, length), "fine", 1))
        .load().examples());                                        // one passage of `length` words per document
    Collections.shuffle(docs, new Random(seed));
    List<int[]> out = new ArrayList<>();
    for (Example d : docs) {
      long[] ids = tok.ids(d.text());
      if (ids.length >= length) {
        int[] w = new int[length];
        for (int i = 0; i < length; i++) {
          w[i] = (int) ids[i];
        }
        out.add(w);
      }
      if (out.size() == n) {
        break;
      }
    }
    return out;
  }
}
