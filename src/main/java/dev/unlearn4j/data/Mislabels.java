package dev.unlearn4j.data;

import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.UnlearnException;
import java.util.List;

/**
 * The wrong labels of {@code forget.mode: mislabelled}: each forget example gets a different class, drawn
 * uniformly from the others (the flipped label on binary data) by a stream seeded from the experiment seed and the
 * example's id, so a run directory's forget ids alone replay the same labels.
 */
public final class Mislabels {
  private Mislabels() {}

  /** Copies of {@code examples}, each with a label other than its own. */
  public static List<Example> relabel(List<Example> examples, int numClasses, long seed) {
    if (numClasses < 2) {
      throw new UnlearnException("forget.mode mislabelled needs at least two classes, the dataset has "
          + numClasses);
    }
    return examples.stream().map(e -> {
      int shift = 1 + Seeds.random(seed, "mislabel." + e.id()).nextInt(numClasses - 1);   // 1 .. C-1: never e's own
      return new Example(e.id(), (e.label() + shift) % numClasses, e.text(), e.features(), e.group(), e.tokens());
    }).toList();
  }
}
