package dev.unlearn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What to forget and what to keep. The forget and retain splits together are the training data of the original
 * model; the test split is disjoint from both. Ids are recorded in the run directory so a request can be replayed.
 *
 * @param forget the forget examples with the labels the original model was trained on
 * @param forgetTrue the same examples with their dataset labels when those differ from the training labels
 *     ({@code forget.mode: mislabelled}), else null; evaluated as the split {@value #FORGET_TRUE}
 */
public record ForgetRequest(Split forget, Split retain, Split test, Split forgetTrue) {
  /** The split name of the forget examples under their true labels. */
  public static final String FORGET_TRUE = "forget_true";

  public ForgetRequest(Split forget, Split retain, Split test) {
    this(forget, retain, test, null);
  }

  /** Forget and retain together: what the original model was trained on. */
  public Split train() {
    List<Example> all = new ArrayList<>(forget.examples());
    all.addAll(retain.examples());
    return new Split("train", all);
  }

  /** Forget, retain and test, then the forget examples under their true labels when they were relabelled. */
  public List<Split> evaluationSplits() {
    return forgetTrue == null ? List.of(forget, retain, test) : List.of(forget, retain, test, forgetTrue);
  }
}
