package dev.unlearn4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Endless, reshuffled-every-pass batches over one split, in a deterministic order given its RNG. The last batch of
 * a pass may be short; a pass never mixes two shuffles.
 */
public final class Batcher {
  private final List<Example> examples;
  private final int batchSize;
  private final Random rng;
  private List<Example> order = List.of();
  private int pos;

  public Batcher(List<Example> examples, int batchSize, Random rng) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("cannot batch an empty split");
    }
    this.examples = examples;
    this.batchSize = batchSize;
    this.rng = rng;
  }

  /** Batches per pass over the split. */
  public int batchesPerPass() {
    return (examples.size() + batchSize - 1) / batchSize;
  }

  public List<Example> next() {
    if (pos >= order.size()) {
      List<Example> shuffled = new ArrayList<>(examples);
      Collections.shuffle(shuffled, rng);
      order = shuffled;
      pos = 0;
    }
    List<Example> b = order.subList(pos, Math.min(pos + batchSize, order.size()));
    pos += b.size();
    return b;
  }

  /** Consecutive batches in fixed order without shuffling (evaluation). */
  public static List<List<Example>> inOrder(List<Example> examples, int batchSize) {
    List<List<Example>> out = new ArrayList<>();
    for (int i = 0; i < examples.size(); i += batchSize) {
      out.add(examples.subList(i, Math.min(i + batchSize, examples.size())));
    }
    return out;
  }
}
