package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.TokenVectors;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.util.Sha256;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sequence run prepares from the original model before it trains, the same for every method on a forget set
 * and cached with the original ({@code prepared/}): each forget passage's analogue, the forgetting thresholds, and
 * the MiniLM readers that the check and the relearning attack use again. Timed as {@code prepare_s}.
 *
 * @param originalFile the original's weights, the key of every cached value
 * @param encoder MiniLM, read once for both readers
 * @param bert token vectors at {@code eval.bertLayer}, for BERTScore
 * @param elStart the first suffix position, where EL is measured
 */
record Preparation(Path originalFile, PreparedCache cache, EncoderBundle encoder, TokenVectors bert,
    List<PassagePool.Passage> analogues, int elStart, EpochCheck.Thresholds thresholds) {

  static Preparation of(SequenceConfig cfg, CausalLm original, Path checkpoint, PassageSets sets, TextTokenizer tok) {
    SequenceEvalSpec ev = cfg.eval();
    EncoderBundle encoder = EncoderBundle.open(ev.encoder(), null);
    TokenVectors bert = new TokenVectors(encoder, ev.encoder(), ev.bertLayer(), 256);
    Path originalFile = checkpoint.resolve("model.safetensors");
    PreparedCache cache = new PreparedCache(OriginalModels.cacheRoot(cfg.original()).resolve("prepared"));
    List<PassagePool.Passage> analogues = Analogues.nearest(sets.forget(), sets.candidates(), tok,
        embeddings(encoder, ev), ev.layout(), cache, ev.encoder());
    int elStart = sets.forget().get(0).tokens().length - ev.layout().suffixLength();
    return new Preparation(originalFile, cache, encoder, bert, analogues, elStart,
        thresholds(ev, cache, originalFile, original, sets, elStart));
  }

  /** MiniLM's input embeddings (layer 0), by which analogues are searched. */
  static TokenVectors embeddings(EncoderBundle encoder, SequenceEvalSpec ev) {
    return new TokenVectors(encoder, ev.encoder(), 0, 256);
  }

  /** The paper's constants, or the original's MA and EL_n on unseen passages (cached per original and set). */
  private static EpochCheck.Thresholds thresholds(SequenceEvalSpec ev, PreparedCache cache, Path originalFile,
      CausalLm original, PassageSets sets, int elStart) {
    if ("paper".equals(ev.thresholds())) {
      return new EpochCheck.Thresholds(SequenceEvalSpec.PAPER_MA, SequenceEvalSpec.PAPER_EL);
    }
    double[] maEl = cache.values("thresholds", originalFile, FinalMetrics.inputs(sets.unseenTokens(), ev.elN(),
        elStart), () -> new double[] {PassageScorer.mean(PassageScorer.memorisation(original, sets.unseenTokens())),
            PassageScorer.mean(PassageScorer.extraction(original, sets.unseenTokens(), ev.elN(), elStart))});
    return new EpochCheck.Thresholds(maEl[0], maEl[1]);
  }

  /**
   * What the check before training depends on besides the model (v2: with the F1 calibration of every
   * continuation against 8 other suffixes).
   */
  static List<String> checkInputs(PassageSets sets, SequenceEvalSpec ev, Path tokFile) {
    List<String> in = FinalMetrics.inputs(FinalMetrics.forgetTokens(sets), ev.checkKey(), Sha256.of(tokFile));
    in.add("check-before/v2");
    in.addAll(PreparedCache.tokens(sets.unseenTokens()));
    sets.forget().forEach(p -> in.add(p.id()));
    return in;
  }
}
