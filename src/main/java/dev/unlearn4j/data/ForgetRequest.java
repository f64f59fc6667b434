package dev.unlearn4j.data;

import java.util.List;

/**
 * What to forget and what to keep. The forget and retain splits together are the training data of the original
 * model; the test split is disjoint from both. Ids are recorded in the run directory so a request can be replayed.
 */
public record ForgetRequest(Split forget, Split retain, Split test) {
  /** Forget and retain together: what the original model was trained on. */
  public Split train() {
    List<Example> all = new java.util.ArrayList<>(forget.examples());
    all.addAll(retain.examples());
    return new Split("train", all);
  }

  public List<Split> evaluationSplits() {
    return List.of(forget, retain, test);
  }
}
