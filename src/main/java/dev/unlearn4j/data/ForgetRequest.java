package dev.unlearn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What to forget and what to keep. The forget and retain splits together are the training data of the original
 * model; the test split is disjoint from both. Ids are recorded in the run directory so a request can be replayed.
 *
 * @param forget the forget examples with the labels the original model was trained on
 * @param extra further splits evaluated beside forget, retain and test, made from them by the forget scenario:
 *     {@value #FORGET_TRUE} (mislabelled), {@value #TEST_FORGOTTEN_CLASS} and {@value #TEST_OTHER_CLASSES} (class)
 */
public record ForgetRequest(Split forget, Split retain, Split test, List<Split> extra) {
  /** The forget examples under their dataset labels, when the original was trained on wrong ones. */
  public static final String FORGET_TRUE = "forget_true";
  /** The test examples of a forgotten class: their accuracy is the class's recall. */
  public static final String TEST_FORGOTTEN_CLASS = "test_forgotten_class";
  /** The test examples of every other class. */
  public static final String TEST_OTHER_CLASSES = "test_other_classes";

  public ForgetRequest {
    extra = List.copyOf(extra);
  }

  public ForgetRequest(Split forget, Split retain, Split test) {
    this(forget, retain, test, List.of());
  }

  /** Forget and retain together: what the original model was trained on. */
  public Split train() {
    List<Example> all = new ArrayList<>(forget.examples());
    all.addAll(retain.examples());
    return new Split("train", all);
  }

  /** Forget, retain and test, then the scenario's extra splits. */
  public List<Split> evaluationSplits() {
    List<Split> all = new ArrayList<>(List.of(forget, retain, test));
    all.addAll(extra);
    return all;
  }

  /** The extra split of this name, or null. */
  public Split extra(String name) {
    return extra.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
