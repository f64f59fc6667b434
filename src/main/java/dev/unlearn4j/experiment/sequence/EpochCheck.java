package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.eval.privacy.MembershipAttacks;
import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.method.generative.Refinement;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.PassagePool;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICU's per-epoch check, run before training (epoch 0) and after every epoch on the model being trained: beam
 * continuations of every forget passage scored by BERTScore-F1 and BLEU (they reset the refinement flags), MA and
 * EL_n (ICU variant) of the forget passages, perplexity on unseen passages, and the membership AUCs of forget vs
 * unseen passages (LOSS, zlib, min-k%, min-k%++; from the same two teacher-forced passes as MA and perplexity). The
 * run stops after an epoch (never at epoch 0) when MA and EL_n are at or below their thresholds, or when no passage
 * is flagged; the trainer's epoch count is the cap. Each check is one row of {@code refinement_log.csv}.
 */
final class EpochCheck implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(EpochCheck.class);

  /** One check. */
  record Row(int epoch, int flagged, double ma, double el, double f1, double bleu, double entropy,
      double perplexity, Map<String, Double> mia) {}

  /** Forgetting thresholds: stop when MA ≤ ma and EL ≤ el. */
  record Thresholds(double ma, double el) {}

  private final CausalLm model;
  private final List<PassagePool.Passage> forget;
  private final ContinuationScorer scorer;
  private final Refinement refinement;
  private final boolean stopWhenNoneFlagged;
  private final Thresholds thresholds;
  private final int elN;
  private final List<int[]> unseen;
  private final List<String> forgetTexts;
  private final List<String> unseenTexts;
  private final List<Row> rows = new ArrayList<>();
  private List<ContinuationScorer.Continuation> last = List.of();
  private Map<String, double[]> lastPerPassage = Map.of();
  private String stopRule;

  /** @param refinement the flags to update, or null when the method does not refine */
  EpochCheck(CausalLm model, List<PassagePool.Passage> forget, ContinuationScorer scorer, Refinement refinement,
      boolean stopWhenNoneFlagged, Thresholds thresholds, int elN, List<int[]> unseen) {
    this.model = model;
    this.forget = forget;
    this.scorer = scorer;
    this.refinement = refinement;
    this.stopWhenNoneFlagged = stopWhenNoneFlagged;
    this.thresholds = thresholds;
    this.elN = elN;
    this.unseen = unseen;
    this.forgetTexts = forget.stream().map(p -> scorer.tokenizer().decode(p.tokens())).toList();
    this.unseenTexts = unseen.stream().map(scorer.tokenizer()::decode).toList();
  }

  Row check(int epoch) {
    List<ContinuationScorer.Continuation> cont = scorer.score(model, forget);
    List<int[]> tokens = forget.stream().map(PassagePool.Passage::tokens).toList();
    int t = tokens.get(0).length;
    CausalLm.TokenScores forgetScores = PassageScorer.score(model, tokens, 16);
    CausalLm.TokenScores unseenScores = PassageScorer.score(model, unseen, 8);   // one perplexity window each
    double[] ma = PassageScorer.memorisation(tokens, forgetScores);
    double[] el = PassageScorer.extraction(model, tokens, elN, t - scorer.layout().suffixLength());
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
        PassageScorer.perplexity(unseenScores),
        MembershipAttacks.aucs(forgetScores, forgetTexts, unseenScores, unseenTexts));
    rows.add(row);
    last = cont;
    lastPerPassage = per;
    LOG.info("epoch {}: flagged {}/{}, MA {}, EL {}, BERTScore-F1 {}, BLEU {}, unseen perplexity {}", epoch,
        flagged, forget.size(), f(row.ma()), f(row.el()), f(row.f1()), f(row.bleu()), f(row.perplexity()));
    return row;
  }

  @Override
  public void onEpochEnd(TrainerState state) {
    Row r = check(state.epoch());
    if (r.ma() <= thresholds.ma() && r.el() <= thresholds.el()) {
      stopRule = "thresholds";
    } else if (stopWhenNoneFlagged && r.flagged() == 0) {
      stopRule = "nothing-flagged";
    }
  }

  @Override
  public boolean shouldStop(TrainerState state) {
    return stopRule != null;
  }

  List<Row> rows() {
    return rows;
  }

  List<ContinuationScorer.Continuation> lastContinuations() {
    return last;
  }

  /** Per passage of the last check: MA, EL, BERTScore-F1, BLEU, entropy. */
  Map<String, double[]> lastPerPassage() {
    return lastPerPassage;
  }

  /** The rule that ended training, or {@code max-epochs} when none fired. */
  String stopRule() {
    return stopRule == null ? "max-epochs" : stopRule;
  }

  private static String f(double v) {
    return String.format("%.4f", v);
  }
}
