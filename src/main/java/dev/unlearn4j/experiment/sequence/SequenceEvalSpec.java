package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.eval.RelearnSpec;
import dev.unlearn4j.method.generative.ContinuationScorer;

/**
 * Evaluation of a sequence experiment.
 *
 * @param encoder BERT-family encoder for BERTScore and the analogue search (default embedded MiniLM-L6)
 * @param bertLayer BERTScore layer (default 5 of MiniLM's 6; bert-base-uncased's 9 cannot be obtained here)
 * @param elN n of EL_n (default 10)
 * @param thresholds {@code unseen}: the original model's MA and EL_n on unseen passages (Jang et al.'s
 *     definition, default); {@code paper}: ICU's constants MA 0.5994, EL₁₀ 0.0499
 * @param unseenPassages unseen (held-out) passages for thresholds and perplexity (default 128)
 * @param analogueCandidates candidate passages searched for analogues, a seeded sample (default 2000; 0 = all)
 * @param layout where prompt and suffix of the refinement's continuation lie (default 100 / 50 / 50, 2 beams)
 * @param jangEl also compute Jang et al.'s EL variant before and after (prompts of every length; slow)
 * @param samples passages whose continuations before and after are printed in the report (default 3)
 * @param calibrateF1 the refinement's BERTScore-F1 threshold is calibrated on the encoder's scale at the check
 *     before training ({@link dev.unlearn4j.method.generative.F1Calibration}), replacing the method's (default
 *     false: the method's, 0.3 for ICU)
 * @param offDomain a second held-out corpus scored for perplexity, {@code brown} or "" (default ""): the model's
 *     knowledge off its training distribution
 * @param offDomainPassages windows of the passage length scored from it (default 128)
 * @param clozeItems last-word cloze items cut from the unseen passages, each with the last {@code clozeContext}
 *     tokens before the word (default 1000 items, 100 tokens)
 * @param relearn the relearning attack after unlearning (default off; {@link SequenceRelearn})
 */
public record SequenceEvalSpec(String encoder, int bertLayer, int elN, String thresholds, int unseenPassages,
    int analogueCandidates, ContinuationScorer.Layout layout, boolean jangEl, int samples, boolean calibrateF1,
    String offDomain, int offDomainPassages, int clozeItems, int clozeContext, RelearnSpec relearn) {
  public static final double PAPER_MA = 0.5994;
  public static final double PAPER_EL = 0.0499;

  public static SequenceEvalSpec defaults() {
    return new SequenceEvalSpec("embedded:all-minilm-l6-v2", 5, 10, "unseen", 128, 2000,
        ContinuationScorer.Layout.icu(), false, 3, false, "", 128, 1000, 100, RelearnSpec.defaults());
  }

  /**
   * The settings that shape the check before training, as part of its cache key: the F1 calibration decides what
   * the check's scores do, not what they are, and the off-domain corpus is scored elsewhere.
   */
  SequenceEvalSpec checkKey() {
    return new SequenceEvalSpec(encoder, bertLayer, elN, thresholds, unseenPassages, analogueCandidates, layout,
        jangEl, samples, false, "", 128, clozeItems, clozeContext, RelearnSpec.defaults());
  }

  public SequenceEvalSpec {
    relearn = relearn == null ? RelearnSpec.defaults() : relearn;
    if (!"unseen".equals(thresholds) && !"paper".equals(thresholds)) {
      throw new ConfigException("key 'eval.thresholds' must be one of [unseen, paper], got '" + thresholds + "'");
    }
    OffDomain.require(offDomain);
    if (elN < 1 || unseenPassages < 1 || offDomainPassages < 1 || analogueCandidates < 0 || samples < 0
        || clozeItems < 0 || clozeContext < 1) {
      throw new ConfigException("eval: elN >= 1, unseenPassages >= 1, offDomainPassages >= 1, "
          + "analogueCandidates >= 0, samples >= 0, clozeItems >= 0, clozeContext >= 1");
    }
  }
}
