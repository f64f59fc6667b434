package dev.unlearn4j.bench;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.experiment.Memory;
import dev.unlearn4j.method.generative.Icu;
import dev.unlearn4j.model.causal.BeamSearch;
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
 * teacher-forced scoring, greedy generation and the beam search (width 2) the epoch checks run, 50 new tokens from
 * the 50-token prefixes, and the resident memory left after repeated calls of each (a leak shows as growth).
 */
public final class IcuStepBench {
  private IcuStepBench() {}

  /**
   * @param pairs forget passages per step (each with its analogue): ICU's batch, 8
   * @param length tokens per passage, 200
   * @param microBatch pairs per forward pass (0: all)
   * @param repeats calls of scoring, greedy and beam search for the memory-growth figures (20)
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
    int half = Math.min(50, length / 2);           // 200 tokens: prefix 100-149 prompts 50 new tokens, as in ICU
    int[][] prompts = Arrays.stream(ids).map(p -> Arrays.copyOfRange(p, length - 2 * half, length - half))
        .toArray(int[][]::new);
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("score", () -> original.score(ids));
    calls.put("greedy", () -> Generator.greedy(original, prompts, half, -1));
    calls.put("beam", () -> BeamSearch.generate(original, prompts, half, 2, 1.0, -1));
    Map<String, Object> growth = new LinkedHashMap<>();
    for (Map.Entry<String, Runnable> call : calls.entrySet()) {
      out.put(call.getKey(), Timings.measure(1, Math.max(1, reps / 2), call.getValue()));
      growth.put(call.getKey(), rssAfterRepeats(repeats, call.getValue()));
    }
    out.put("rss_growth", growth);
    out.put("peak_rss_bytes", Memory.peakRssBytes());
    return out;
  }

  /** Resident memory before and after each of {@code repeats} calls: a leak shows as steady growth. */
  private static Map<String, Object> rssAfterRepeats(int repeats, Runnable op) {
    long before = Memory.rssBytes();
    long[] after = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      op.run();
      after[i] = Memory.rssBytes();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("before_bytes", before);
    r.put("after_bytes", after);
    r.put("growth_bytes", repeats == 0 ? 0 : after[repeats - 1] - before);
    return r;
  }

  private static List<Example> passages(String prefix, int n, int length, int vocab, Random rng) {
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Example.ofTokens(prefix + i, rng.ints(length, 0, vocab).toArray()));
    }
    return rows;
  }
}
