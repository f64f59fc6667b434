package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.eval.privacy.MembershipAttacks;
import dev.unlearn4j.experiment.RunRecord;
import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.method.generative.F1Calibration;
import dev.unlearn4j.method.generative.Refinement;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.train.StopRule;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICU's per-epoch check, run before training (epoch 0) and after every epoch on the model being trained: beam
 * continuations of every forget passage scored by BERTScore-F1 and BLEU (they reset the refinement flags), MA and
 * EL_n (ICU variant) of the forget passages, perplexity on unseen passages, and the membership AUCs of forget vs
 * unseen passages (LOSS, zlib, min-k%, min-k%++; from the same two teacher-forced passes as MA and perplexity).
 * {@link #rule} is the stopping rule's test over the last check, run by a {@link StopRule} listed after this one:
 * the run stops after an epoch (never at epoch 0) when MA and EL_n are at or below their thresholds, or when no
 * passage is flagged; the trainer's epoch count is the cap. Each check is one row of {@code refinement_log.csv}. After
 * every check the state is saved ({@link CheckState}); a resumed run starts from it, and replays each epoch with the
 * flags that epoch trained with.
 */
final class EpochCheck implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(EpochCheck.class);

  /** One check. */
  record Row(int epoch, int flagged, double ma, double el, double f1, double bleu, double entropy,
      double perplexity, Map<String, Double> mia) {
    /** The forget-set values under their summary names (MA, EL ICU variant, BERTScore-F1, BLEU, entropy). */
    Map<String, Double> forgetScores() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("forget.ma", ma);
      m.put("forget.el_icu", el);
      m.put("forget.bertscore_f1", f1);
      m.put("forget.bleu", bleu);
      m.put("forget.token_entropy", entropy);
      return m;
    }
  }

  /** Forgetting thresholds: stop when MA ≤ ma and EL ≤ el. */
  record Thresholds(double ma, double el) {}

  private final CausalLm model;
  private final List<PassagePool.Passage> forget;
  private final ContinuationScorer scorer;
  private final Refinement refinement;
  private final boolean calibrateF1;
  private final boolean stopWhenNoneFlagged;
  private final Thresholds thresholds;
  private final int elN;
  private final List<int[]> unseen;
  private final List<String> forgetTexts;
  private final List<String> unseenTexts;
  private final Path stateDir;
  private final List<Row> rows = new ArrayList<>();
  private final List<List<String>> flaggedHistory = new ArrayList<>();
  private List<ContinuationScorer.Continuation> first = List.of();
  private Map<String, double[]> firstPerPassage = Map.of();
  private double firstSeconds;
  private F1Calibration calibration = F1Calibration.NONE;
  private List<ContinuationScorer.Continuation> last = List.of();
  private Map<String, double[]> lastPerPassage = Map.of();

  /**
   * @param refinement the flags to update, or null when the method does not refine
   * @param calibrateF1 the refinement's F1 threshold becomes the one calibrated at the check before training
   * @param stateDir where the state is saved after every check, and restored from when it is there already; null:
   *     neither
   */
  EpochCheck(CausalLm model, List<PassagePool.Passage> forget, ContinuationScorer scorer, Refinement refinement,
      boolean calibrateF1, boolean stopWhenNoneFlagged, Thresholds thresholds, int elN, List<int[]> unseen,
      Path stateDir) {
    this.model = model;
    this.forget = forget;
    this.scorer = scorer;
    this.refinement = refinement;
    this.calibrateF1 = calibrateF1;
    this.stopWhenNoneFlagged = stopWhenNoneFlagged;
    this.thresholds = thresholds;
    this.elN = elN;
    this.unseen = unseen;
    this.forgetTexts = forget.stream().map(p -> scorer.tokenizer().decode(p.tokens())).toList();
    this.unseenTexts = unseen.stream().map(scorer.tokenizer()::decode).toList();
    this.stateDir = stateDir;
    if (stateDir != null) {
      CheckState.read(stateDir).ifPresent(this::restore);
    }
  }

  /** What one check measures on the model, before the refinement flags are updated from it. */
  record Measured(List<ContinuationScorer.Continuation> continuations, double[] ma, double[] el, double perplexity,
      Map<String, Double> mia) {}

  /**
   * The check before training as measured: the same for every method on one original model and forget set.
   *
   * @param calibration BERTScore-F1 of its continuations against their own and other passages' suffixes
   */
  record Before(Measured measured, F1Calibration calibration) {}

  /**
   * The check before training (epoch 0), or its saved result when a resumed run has one.
   *
   * @param source obtains the measurement from {@code compute} or from a cache of the original model's (the model
   *     is the original's copy until training starts)
   */
  Row before(Function<Supplier<Before>, Before> source) {
    if (!rows.isEmpty()) {
      LOG.info("resumed: {} checks restored, the last after epoch {}", rows.size(), rows.get(rows.size() - 1).epoch());
      return rows.get(0);
    }
    long t0 = System.nanoTime();
    Before b = source.apply(() -> {
      Measured m = measure();
      return new Before(m, scorer.calibrate(m.continuations()));
    });
    calibration = b.calibration();
    applyCalibration();                                      // before the first flags are set
    Row row = record(0, b.measured());
    first = last;
    firstPerPassage = lastPerPassage;
    firstSeconds = RunRecord.secondsSince(t0);
    save();
    return row;
  }

  private void applyCalibration() {
    if (calibrateF1 && refinement != null && !Double.isNaN(calibration.mismatchedP95())) {
      refinement.useF1(calibration.mismatchedP95());
      LOG.info("refinement F1 threshold calibrated: {} (own suffixes {}, unrelated {})",
          f(calibration.mismatchedP95()), f(calibration.trueMean()), f(calibration.mismatchedMean()));
    }
  }

  private void save() {
    if (stateDir != null) {
      new CheckState(rows, flaggedHistory, first, firstPerPassage, firstSeconds, calibration, last, lastPerPassage)
          .write(stateDir);
    }
  }

  Row check(int epoch) {
    return record(epoch, measure());
  }

  private Measured measure() {
    List<ContinuationScorer.Continuation> cont = scorer.score(model, forget);
    List<int[]> tokens = forget.stream().map(PassagePool.Passage::tokens).toList();
    int t = tokens.get(0).length;
    CausalLm.TokenScores forgetScores = PassageScorer.score(model, tokens, 16);
    CausalLm.TokenScores unseenScores = PassageScorer.score(model, unseen, 8);   // one perplexity window each
    double[] ma = PassageScorer.memorisation(tokens, forgetScores);
    double[] el = PassageScorer.extraction(model, tokens, forgetScores.argmax(), elN,
        t - scorer.layout().suffixLength(), PassageScorer.BAND);   // the MA pass proposes the shared prompts
    return new Measured(cont, ma, el, PassageScorer.perplexity(unseenScores),
        MembershipAttacks.aucs(forgetScores, forgetTexts, unseenScores, unseenTexts));
  }

  /** The row of the check after epoch {@code epoch} (0: before training); updates the refinement flags. */
  private Row record(int epoch, Measured m) {
    while (!rows.isEmpty() && rows.get(rows.size() - 1).epoch() >= epoch) {   // a resumed run repeats this check
      rows.remove(rows.size() - 1);
      flaggedHistory.remove(flaggedHistory.size() - 1);
    }
    List<ContinuationScorer.Continuation> cont = m.continuations();
    double[] ma = m.ma();
    double[] el = m.el();
    Map<String, double[]> per = new LinkedHashMap<>();
    Map<String, Refinement.Scores> scores = new LinkedHashMap<>();
    for (int i = 0; i < forget.size(); i++) {
      ContinuationScorer.Continuation c = cont.get(i);
      scores.put(c.id(), c.scores());
      per.put(c.id(), new double[] {ma[i], el[i], c.f1(), c.bleu(), c.entropy()});
    }
    if (refinement != null) {
      refinement.update(scores);
    }
    int flagged = refinement == null ? forget.size() : refinement.flaggedCount();
    Row row = new Row(epoch, flagged, PassageScorer.mean(ma), PassageScorer.mean(el),
        cont.stream().mapToDouble(ContinuationScorer.Continuation::f1).average().orElse(Double.NaN),
        cont.stream().mapToDouble(ContinuationScorer.Continuation::bleu).average().orElse(Double.NaN),
        cont.stream().mapToDouble(ContinuationScorer.Continuation::entropy).average().orElse(Double.NaN),
        m.perplexity(), m.mia());
    rows.add(row);
    flaggedHistory.add(scores.entrySet().stream().filter(e -> refinement == null || refinement.flagged(e.getKey()))
        .map(Map.Entry::getKey).toList());
    last = cont;
    lastPerPassage = per;
    if (epoch > 0) {
      save();
    }
    LOG.info("epoch {}: flagged {}/{}, MA {}, EL {}, BERTScore-F1 {}, BLEU {}, unseen perplexity {}", epoch,
        flagged, forget.size(), f(row.ma()), f(row.el()), f(row.f1()), f(row.bleu()), f(row.perplexity()));
    return row;
  }

  @Override
  public void onEpochEnd(TrainerState state) {
    check(state.epoch());
  }

  /** Epoch {@code epoch} trained with the flags of the check after epoch − 1. */
  @Override
  public void onReplay(int epoch) {
    for (int i = 0; refinement != null && i < rows.size(); i++) {
      if (rows.get(i).epoch() == epoch - 1) {
        refinement.set(flaggedHistory.get(i));
      }
    }
  }

  /**
   * The stopping rule over the last check: {@code thresholds} or {@code nothing-flagged} when it fires, null when
   * training goes on (always before the first epoch).
   */
  String rule() {
    Row r = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    if (r == null || r.epoch() == 0) {
      return null;
    }
    if (r.ma() <= thresholds.ma() && r.el() <= thresholds.el()) {
      return "thresholds";
    }
    return stopWhenNoneFlagged && r.flagged() == 0 ? "nothing-flagged" : null;
  }

  private void restore(CheckState s) {
    rows.addAll(s.rows());
    flaggedHistory.addAll(s.flagged());
    first = s.first();
    firstPerPassage = s.firstPerPassage();
    firstSeconds = s.firstSeconds();
    calibration = s.calibration();
    applyCalibration();
    last = s.last();
    lastPerPassage = s.lastPerPassage();
    if (refinement != null) {
      refinement.set(flaggedHistory.get(flaggedHistory.size() - 1));
    }
  }

  List<Row> rows() {
    return rows;
  }

  /** Continuations of the check before training. */
  List<ContinuationScorer.Continuation> firstContinuations() {
    return first;
  }

  /** Per passage of the check before training: MA, EL, BERTScore-F1, BLEU, entropy. */
  Map<String, double[]> firstPerPassage() {
    return firstPerPassage;
  }

  double firstSeconds() {
    return firstSeconds;
  }

  /** BERTScore-F1 of the before-continuations against their own and other passages' suffixes. */
  F1Calibration calibration() {
    return calibration;
  }

  List<ContinuationScorer.Continuation> lastContinuations() {
    return last;
  }

  /** Per passage of the last check: MA, EL, BERTScore-F1, BLEU, entropy. */
  Map<String, double[]> lastPerPassage() {
    return lastPerPassage;
  }

  /** The rule that ended training (it fired at the last check), or {@code max-epochs} when none did. */
  String stopRule() {
    String r = rule();
    return r == null ? "max-epochs" : r;
  }

  private static String f(double v) {
    return String.format("%.4f", v);
  }
}
