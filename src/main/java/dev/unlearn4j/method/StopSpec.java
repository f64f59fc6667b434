package dev.unlearn4j.method;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.method.UnlearningMethod.Stop;

/**
 * One stopping rule for every method of an experiment ({@code stop} in the config), so methods compared side by
 * side are stopped alike: each method's own epochs become the cap and the rule is checked every {@code every}
 * steps. Exact methods (retraining, SISA) are not stopped. The default leaves each method to its own rule.
 *
 * @param rule {@code epochs} (default: no shared rule), {@code forget-f1-at-test} or {@code forget-f1-at-oracle}
 * @param every check the rule after every this many steps; 0 checks after every epoch (default 0)
 * @param tolerance stop once forget macro-F1 is at most the target plus this (default 0); a target of 0 — an
 *     oracle that gets none of the mislabelled forget set's training labels — is otherwise met only exactly
 */
public record StopSpec(Stop rule, int every, double tolerance) {
  public StopSpec {
    if (rule == null) {
      throw new ConfigException("key 'stop.rule' must be one of [epochs, forget-f1-at-test, forget-f1-at-oracle]");
    }
    if (every < 0) {
      throw new ConfigException("key 'stop.every' must be >= 0, got " + every);
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new ConfigException("key 'stop.tolerance' must lie in [0, 1), got " + tolerance);
    }
  }

  public static StopSpec defaults() {
    return new StopSpec(Stop.EPOCHS, 0, 0.0);
  }

  /**
   * The rule a method runs under: the experiment's when it sets one, else the method's own.
   *
   * @throws ConfigException when both set a rule and they differ
   */
  public Stop ruleFor(UnlearningMethod method) {
    if (rule == Stop.EPOCHS) {
      return method.stop();
    }
    if (method.stop() != Stop.EPOCHS && method.stop() != rule) {
      throw new ConfigException("key 'stop.rule' (" + rule.key() + ") and method.args.stop (" + method.stop().key()
          + ") disagree; set one of them");
    }
    return rule;
  }
}
