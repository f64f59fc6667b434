package dev.unlearn4j.bench;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.causal.BeamSearch;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.Generator;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.pretrain.PretrainPreset;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.TrainStep;
import dev.unlearn4j.util.UnlearnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Times a causal LM of a pretraining preset (randomly initialised: step time does not depend on the weights'
 * values): the evaluation forward pass to logits, one training step of next-token cross-entropy with Adam, as
 * pretraining and ICU's learning term run it, and the eager decoding path (greedy and 2-beam continuations of
 * half-length prompts) that ICU's per-epoch check and EL spend their time in.
 */
public final class CausalBench {
  private CausalBench() {}

  /**
   * 2 FLOPs per multiply-add of the attention projections (4·D²), the MLP (2·D·I), both attention products over the
   * whole T×T score matrix (the graph computes it in full and masks) and the tied output head (D·V), per token.
   */
  public static double forwardFlops(GptConfig c, int batch, int length) {
    double tokens = (double) batch * length;
    double perLayer = 4.0 * c.hidden() * c.hidden() + 2.0 * c.hidden() * c.intermediate() + 2.0 * length * c.hidden();
    return 2.0 * tokens * (c.layers() * perLayer + (double) c.hidden() * c.vocabSize());
  }

  /**
   * The preset's model configuration; fails with a one-line cause when the preset is unknown or its context is
   * shorter than {@code length}.
   */
  public static GptConfig requireFits(String preset, int length) {
    GptConfig c = config(preset);
    if (length > c.maxPositions()) {
      throw new UnlearnException("causal length " + length + ": the " + preset + " preset's context is "
          + c.maxPositions() + " tokens");
    }
    return c;
  }

  /** A pretraining preset's architecture ({@code tiny}, {@code small}) or {@value #NEO_125M}'s (shape only). */
  public static GptConfig config(String preset) {
    if (NEO_125M.equals(preset)) {
      return GptConfig.gptNeo125m();
    }
    if (!List.of("tiny", "small").contains(preset)) {
      throw new UnlearnException("unknown causal preset '" + preset + "'; known: [tiny, small, " + NEO_125M + "]");
    }
    return PretrainPreset.named(preset).config();
  }

  /** The preset name of GPT-Neo-125M's architecture, benchmarked with random weights. */
  public static final String NEO_125M = "gpt-neo-125m";

  public static ShapeResult run(String preset, int batch, int length, int warmup, int reps) {
    GptConfig c = requireFits(preset, length);
    CausalLm lm = new CausalLm(c, GptWeights.random(c, 1, DataType.FLOAT));
    Random rng = new Random(1);
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] ids = new int[length];
      for (int t = 0; t < length; t++) {
        ids[t] = rng.nextInt(c.vocabSize());
      }
      rows.add(Example.ofTokens("b" + i, ids));
    }
    ModelGraph eval = lm.graph(false, 0);
    String logits = eval.logits().name();
    Map<String, INDArray> feed = eval.feed(rows);
    Timings fwd = Timings.measure(warmup, reps, () -> eval.sd().output(feed, logits));
    ModelGraph train = lm.graph(true, 1);
    TrainStep step = new TrainStep(train, c.vocabSize(),
        Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain())),
        new TrainSpec(1, batch, 1e-3, TrainSpec.Optimizer.ADAM, 0.9, 0.0, 1.0, 0));
    Timings stepT = Timings.trainSteps(step, new Batch(List.of(), rows), warmup, reps);
    // eager decoding, as ICU's check and EL run it: the first half of each row as the prompt
    int newTokens = Math.max(1, Math.min(50, length / 4));
    int[][] prompts = rows.stream().map(r -> Arrays.copyOf(r.tokens(), length / 2)).toArray(int[][]::new);
    Map<String, Timings> decoding = new LinkedHashMap<>();
    decoding.put("greedy", Timings.measure(warmup, reps, () -> Generator.greedy(lm, prompts, newTokens, -1)));
    decoding.put("beam2", Timings.measure(warmup, reps,
        () -> BeamSearch.generate(lm, prompts, newTokens, 2, 1.0, -1)));
    return new ShapeResult(batch, length, forwardFlops(c, batch, length) / 1e9, fwd, stepT, null, decoding);
  }
}
