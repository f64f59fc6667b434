package dev.unlearn4j.method.generative;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.train.TrainingListener;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ICU's iterative unlearning refinement: a passage stays in training (flag 1) while its continuation is still
 * close to the true suffix — BERTScore-F1 ≥ {@code f1} <b>and</b> BLEU ≥ {@code bleu} — and leaves it, with its
 * paired analogue, once either falls below. Flags are recomputed from scratch at every check (before training and
 * after every epoch), so a passage that becomes memorised again re-enters. As a {@link TrainingListener} it keeps
 * flagged forget examples only; partners follow through the paired batches.
 */
public final class Refinement implements TrainingListener {
  /**
   * @param f1 BERTScore-F1 threshold (ICU: 0.3 on bert-base-uncased layer 9; recalibrate for another encoder)
   * @param bleu sentence BLEU-4 threshold (0.01)
   */
  public record Thresholds(double f1, double bleu) {
    public static Thresholds defaults() {
      return new Thresholds(0.3, 0.01);
    }
  }

  /** One passage's scores at a check. */
  public record Scores(double f1, double bleu) {}

  private Thresholds thresholds;
  private final Set<String> flagged = new HashSet<>();

  public Refinement(Thresholds thresholds, List<String> initiallyFlagged) {
    this.thresholds = thresholds;
    flagged.addAll(initiallyFlagged);
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /** Replaces the F1 threshold, e.g. by one calibrated on the encoder's scale ({@link F1Calibration}). */
  public void useF1(double f1) {
    thresholds = new Thresholds(f1, thresholds.bleu());
  }

  /** Still memorised: both scores at or above their thresholds. */
  public boolean memorised(Scores s) {
    return s.f1() >= thresholds.f1() && s.bleu() >= thresholds.bleu();
  }

  /** Recomputes every flag from the scores of this check (ids absent from {@code scores} are unflagged). */
  public void update(Map<String, Scores> scores) {
    flagged.clear();
    scores.forEach((id, s) -> {
      if (memorised(s)) {
        flagged.add(id);
      }
    });
  }

  /** Sets the flags to exactly these ids (a resumed run restores the flags an epoch trained with). */
  public void set(Collection<String> ids) {
    flagged.clear();
    flagged.addAll(ids);
  }

  public boolean flagged(String id) {
    return flagged.contains(id);
  }

  public int flaggedCount() {
    return flagged.size();
  }

  @Override
  public boolean keep(Example forgetExample) {
    return flagged.contains(forgetExample.id());
  }
}
