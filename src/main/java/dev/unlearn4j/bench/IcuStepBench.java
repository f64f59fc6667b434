package dev.unlearn4j.bench;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.experiment.Memory;
import dev.unlearn4j.method.generative.Icu;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.model.causal.Generator;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.TrainStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ICU at a paper-sized shape with random weights (time and memory do not depend on the values): one training step
 * of forget + analogue passages with the frozen original as the KL anchor's reference, in micro-batches; then the
 * teacher-forced scoring and greedy generation the epoch checks run, and the resident memory left after repeated
 * scoring calls (a leak shows as growth).
 */
public final class IcuStepBench {
  private IcuStepBench() {}

  /**
   * @param pairs forget passages per step (each with its analogue): ICU's batch, 8
   * @param length tokens per passage, 200
   * @param microBatch pairs per forward pass (0: all)
   * @param repeats scoring calls for the memory-growth figure (20)
   */
  public static Map<String, Object> run(GptConfig c, int pairs, int length, int microBatch, int warmup, int reps,
      int repeats) {
    Map<String, Object> out = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    CausalLm original = new CausalLm(c, GptWeights.random(c, 1, DataType.FLOAT));
    CausalLm trained = (CausalLm) original.copy();
    out.put("load_s", (System.nanoTime() - t0) / 1e9);
    out.put("parameters", original.weights().values().stream().mapToLong(a -> a.length()).sum());
    Random rng = new Random(1);
    List<Example> forget = passages("f", pairs, length, c.vocabSize(), rng);
    List<Example> analogues = passages("a", pairs, length, c.vocabSize(), rng);
    Icu icu = new Icu(Icu.Args.defaults());
    TrainSpec spec = icu.schedule(null).withMicroBatch(microBatch);
    TrainStep step = new TrainStep(trained.graph(true, 1), c.vocabSize(), icu.objective(original), spec);
    Timings steps = Timings.trainSteps(step, new Batch(forget, analogues), warmup, reps);
    out.put("step", steps);
    out.put("step_peak_rss_bytes", Memory.peakRssBytes());
    out.put("step_peak_heap_bytes", Memory.peakHeapBytes());

    int[][] ids = forget.stream().map(Example::tokens).toArray(int[][]::new);
    int[][] prompts = Arrays.stream(ids).map(p -> Arrays.copyOfRange(p, 100, 150)).toArray(int[][]::new);
    out.put("score", Timings.measure(1, reps, () -> original.score(ids)));
    out.put("greedy", Timings.measure(0, Math.max(1, reps / 2), () -> Generator.greedy(original, prompts, 50, -1)));
    long before = Memory.rssBytes();
    long[] rss = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      original.score(ids);
      rss[i] = Memory.rssBytes();
    }
    out.put("score_rss_before_bytes", before);
    out.put("score_rss_after_bytes", rss);
    out.put("peak_rss_bytes", Memory.peakRssBytes());
    return out;
  }

  private static List<Example> passages(String prefix, int n, int length, int vocab, Random rng) {
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Example.ofTokens(prefix + i, rng.ints(length, 0, vocab).toArray()));
    }
    return rows;
  }
}
