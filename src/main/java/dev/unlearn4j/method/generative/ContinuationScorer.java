package dev.unlearn4j.method.generative;

import dev.unlearn4j.eval.generation.SequenceMetrics;
import dev.unlearn4j.eval.text.BertScore;
import dev.unlearn4j.eval.text.Bleu;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.BeamSearch;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.encoder.TokenVectors;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.util.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ICU's refinement measures for each forget passage: the model continues the passage's prompt (tokens
 * [prefixStart, prefixStart + prefixLength), given at position 0) by beam search, and the decoded continuation is
 * compared with the true suffix by BERTScore-F1 and BLEU; the token entropy of the continuation is logged.
 */
public final class ContinuationScorer {
  /**
   * Where prompt and suffix lie in a passage (ICU on 200 tokens: 100, 50, 50).
   *
   * @param beams beam width of the continuation (ICU: 2)
   */
  public record Layout(int prefixStart, int prefixLength, int suffixLength, int beams) {
    public static Layout icu() {
      return new Layout(100, 50, 50, 2);
    }
  }

  /** One passage's continuation and its scores. */
  public record Continuation(String id, int[] tokens, String text, String reference, double bleu, double f1,
      double entropy) {
    public Refinement.Scores scores() {
      return new Refinement.Scores(f1, bleu);
    }
  }

  /** Prompts per beam search: each new token is one decoder call of small eager ops, so wide batches pay off. */
  private static final int PROMPTS_PER_BATCH = 64;

  private final TextTokenizer tokenizer;
  private final TokenVectors bert;
  private final Layout layout;
  private final int eos;
  private final Map<String, TokenVectors.Encoded> references = new HashMap<>();

  /**
   * @param tokenizer the language model's tokenizer (decodes continuations and suffixes)
   * @param bert token vectors for BERTScore
   * @param eos end-of-text id (also the padding of finished beams)
   */
  public ContinuationScorer(TextTokenizer tokenizer, TokenVectors bert, Layout layout, int eos) {
    this.tokenizer = tokenizer;
    this.bert = bert;
    this.layout = layout;
    this.eos = eos;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public Layout layout() {
    return layout;
  }

  public List<Continuation> score(CausalLm lm, List<PassagePool.Passage> passages) {
    List<Continuation> out = new ArrayList<>();
    int from = layout.prefixStart();
    int to = from + layout.prefixLength();
    for (int first = 0; first < passages.size(); first += PROMPTS_PER_BATCH) {
      List<PassagePool.Passage> part = passages.subList(first, Math.min(passages.size(), first + PROMPTS_PER_BATCH));
      int[][] prompts = part.stream().map(p -> Arrays.copyOfRange(p.tokens(), from, to)).toArray(int[][]::new);
      int[][] gen = BeamSearch.generate(lm, prompts, layout.suffixLength(), layout.beams(), 1.0, eos);
      List<String> cands = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        cands.add(tokenizer.decode(gen[i]));
        refs.add(tokenizer.decode(Arrays.copyOfRange(part.get(i).tokens(), to, to + layout.suffixLength())));
      }
      embedReferences(part, refs);
      List<TokenVectors.Encoded> candVec = bert.tokens(cands);
      for (int i = 0; i < part.size(); i++) {
        TokenVectors.Encoded r = references.get(part.get(i).id());
        TokenVectors.Encoded c = candVec.get(i);
        double f1 = BertScore.score(c.vectors(), c.special(), r.vectors(), r.special()).f1();
        out.add(new Continuation(part.get(i).id(), gen[i], cands.get(i), refs.get(i),
            Bleu.ofTexts(refs.get(i), cands.get(i)), f1, SequenceMetrics.tokenEntropy(gen[i])));
      }
      NativeMemory.tick();
    }
    return out;
  }

  /** Token vectors of the true suffixes not seen before, in one batch (they never change between checks). */
  private void embedReferences(List<PassagePool.Passage> part, List<String> refs) {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < part.size(); i++) {
      if (!references.containsKey(part.get(i).id())) {
        missing.add(i);
      }
    }
    List<TokenVectors.Encoded> enc = bert.tokens(missing.stream().map(refs::get).toList());
    for (int k = 0; k < missing.size(); k++) {
      references.put(part.get(missing.get(k)).id(), enc.get(k));
    }
  }

  /**
   * The refinement's F1 scale on this encoder, from continuations scored before: each against its own suffix and
   * against the suffixes of the next {@link F1Calibration#MISMATCHED_PER_CONTINUATION} passages (cyclically).
   */
  public F1Calibration calibrate(List<Continuation> cont) {
    int n = cont.size();
    int k = Math.min(F1Calibration.MISMATCHED_PER_CONTINUATION, n - 1);
    if (k < 1) {
      return F1Calibration.NONE;
    }
    List<TokenVectors.Encoded> cand = bert.tokens(cont.stream().map(Continuation::text).toList());
    double[] own = new double[n];
    double[] mismatched = new double[n * k];
    for (int i = 0; i < n; i++) {
      own[i] = cont.get(i).f1();
      for (int j = 1; j <= k; j++) {
        TokenVectors.Encoded r = references.get(cont.get((i + j) % n).id());
        mismatched[i * k + j - 1] = BertScore.score(cand.get(i).vectors(), cand.get(i).special(), r.vectors(),
            r.special()).f1();
      }
    }
    return F1Calibration.of(own, mismatched);
  }
}
