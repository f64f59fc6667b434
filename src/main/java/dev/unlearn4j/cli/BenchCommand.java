package dev.unlearn4j.cli;

import dev.unlearn4j.bench.BenchEnvironment;
import dev.unlearn4j.bench.BenchRows;
import dev.unlearn4j.bench.CausalBench;
import dev.unlearn4j.bench.EncoderBench;
import dev.unlearn4j.bench.GemmCeiling;
import dev.unlearn4j.bench.IcuStepBench;
import dev.unlearn4j.bench.RunFixture;
import dev.unlearn4j.bench.Timings;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn bench}: forward and training-step timings of MiniLM and a causal preset, against the GEMM ceiling. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time forward passes and training steps of MiniLM (batch 8 x 64 and 32 x 128) and of the small "
        + "causal model (8 x 200, with greedy and 2-beam decoding), and ND4J's GEMM ceiling; prints per row the "
        + "median, spread, GFLOP/s, ratio to onnxruntime's forward of the same run, page faults per repetition and "
        + "the shape's peak resident memory, and writes a JSON result.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--warmup", defaultValue = "3", description = "untimed repetitions first (${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--reps", defaultValue = "10", description = "timed repetitions (${DEFAULT-VALUE})")
  int reps;

  @Option(names = "--shapes", split = ",", defaultValue = "8x64,32x128",
      description = "MiniLM batch x length shapes; 'none' skips MiniLM (${DEFAULT-VALUE})")
  List<String> shapes;

  @Option(names = "--causal-shapes", split = ",", defaultValue = "8x200",
      description = "causal model batch x length shapes; 'none' skips it (${DEFAULT-VALUE})")
  List<String> causalShapes;

  @Option(names = "--causal-preset", defaultValue = "small", description = "causal size preset (${DEFAULT-VALUE})")
  String causalPreset;

  @Option(names = "--icu-step", defaultValue = "none",
      description = "PAIRSxLENGTH: also time one ICU step of PAIRS forget passages and their analogues on the causal "
          + "preset, with peak memory, scoring and generation of PAIRS passages; 'none' skips it (${DEFAULT-VALUE})")
  String icuStep;

  @Option(names = "--micro-batch", defaultValue = "1",
      description = "ICU step: pairs per forward pass, 0 = all (${DEFAULT-VALUE})")
  int microBatch;

  @Option(names = "--leak-repeats", defaultValue = "20",
      description = "ICU step: calls of scoring, greedy and beam search each, resident memory read after every "
          + "call (${DEFAULT-VALUE})")
  int leakRepeats;

  @Option(names = "--fixture", description = "write the causal preset as a random checkpoint with a random "
      + "extraction-benchmark pool and forget CSV into this directory (for timing a whole run), then stop")
  Path fixture;

  @Option(names = "--fixture-rows", defaultValue = "16", description = "fixture pool rows (${DEFAULT-VALUE})")
  int fixtureRows;

  @Option(names = "--fixture-forget", defaultValue = "8", description = "fixture rows to forget (${DEFAULT-VALUE})")
  int fixtureForget;

  @Option(names = "--freeze-embeddings", description = "MiniLM: train all blocks but keep the embedding tables fixed")
  boolean freezeEmbeddings;

  @Option(names = "--out", defaultValue = "results/bench/bench.json", description = "JSON result (${DEFAULT-VALUE})")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (fixture != null) {
      RunFixture.write(CausalBench.config(causalPreset), fixture, fixtureRows, fixtureForget, 1);
      spec.commandLine().getOut().println("written " + fixture + "/{checkpoint/, train_dataset.npy, "
          + "lm_extraction_128_0.csv}");
      return 0;
    }
    // every shape is checked before anything is measured
    List<int[]> encoderShapes = shapes.contains("none") ? List.of() : shapes.stream().map(this::parse).toList();
    List<int[]> lmShapes = causalShapes.contains("none") ? List.of()
        : causalShapes.stream().map(this::parse).toList();
    lmShapes.forEach(bt -> CausalBench.requireFits(causalPreset, bt[1]));
    int[] icu = icuStep.equals("none") ? null : parse(icuStep);
    if (icu != null) {
      CausalBench.requireFits(causalPreset, icu[1]);
    }
    PrintWriter o = spec.commandLine().getOut();
    Map<String, Object> env = BenchEnvironment.describe();
    double[] gemm = GemmCeiling.gflops(1024, 2, 9);
    o.printf("%s; %s cores; fp32 GEMM 1024^3: %.1f GFLOP/s (%.1f-%.1f)%n", env.get("cpu"), env.get("cores"),
        gemm[1], gemm[0], gemm[2]);
    BenchRows rows = new BenchRows(o);
    if (!encoderShapes.isEmpty()) {
      EncoderBundle bundle = EncoderBundle.open(EmbeddedModels.MINILM, null);
      for (int[] bt : encoderShapes) {
        rows.startShape();
        rows.add("minilm", bt[0] + "x" + bt[1], EncoderBench.run(bundle, bt[0], bt[1], warmup, reps,
            freezeEmbeddings));
      }
    }
    for (int[] bt : lmShapes) {
      rows.startShape();
      rows.add(causalPreset, bt[0] + "x" + bt[1], CausalBench.run(causalPreset, bt[0], bt[1], warmup, reps));
    }
    Map<String, Object> icuResult = null;
    if (icu != null) {
      icuResult = IcuStepBench.run(CausalBench.config(causalPreset), icu[0], icu[1], microBatch, warmup, reps,
          leakRepeats);
      icuResult.put("preset", causalPreset);
      icuResult.put("shape", icuStep);
      icuResult.put("micro_batch", microBatch);
      reportIcu(o, icuResult);
    }
    Map<String, Object> json = new LinkedHashMap<>(env);
    json.put("gemm_gflops", gemm[1]);
    json.put("gemm_gflops_range", new double[] {gemm[0], gemm[2]});
    json.put("minilm_embeddings_trained", !freezeEmbeddings);
    json.put("warmup", warmup);
    json.put("results", rows.rows());
    json.put("peak_rss_bytes", rows.peakRssBytes());
    if (icuResult != null) {
      json.put("icu_step", icuResult);
    }
    AtomicFiles.writeString(out, Mappers.JSON.writeValueAsString(json) + "\n");
    o.println("written " + out);
    return 0;
  }

  private int[] parse(String shape) {
    if (shape.matches("[1-9]\\d{0,5}x[1-9]\\d{0,5}")) {
      String[] bt = shape.split("x");
      return new int[] {Integer.parseInt(bt[0]), Integer.parseInt(bt[1])};
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "shape '" + shape + "' is not BATCHxLENGTH");
  }

  private static void reportIcu(PrintWriter o, Map<String, Object> r) {
    o.printf("ICU step %s + analogues on %s, micro-batch %s: median %.1f s (%s), peak RSS %.2f GB, peak heap %.2f GB%n",
        r.get("shape"), r.get("preset"), r.get("micro_batch"), ((Timings) r.get("step")).median() / 1e3,
        Arrays.toString(Arrays.stream(((Timings) r.get("step")).millis()).mapToObj(m -> String.format("%.1f", m / 1e3))
            .toArray()), gb(r.get("step_peak_rss_bytes")), gb(r.get("step_peak_heap_bytes")));
    Map<?, ?> growth = (Map<?, ?>) r.get("rss_growth");
    for (Map.Entry<?, ?> g : growth.entrySet()) {
      Map<?, ?> m = (Map<?, ?>) g.getValue();
      long[] after = (long[]) m.get("after_bytes");
      o.printf("%-6s %.2f s; RSS over %d calls %.2f -> %.2f GB (growth %d MB)%n", g.getKey(),
          ((Timings) r.get(g.getKey())).median() / 1e3, after.length, gb(m.get("before_bytes")),
          after.length == 0 ? Double.NaN : gb(after[after.length - 1]), (long) m.get("growth_bytes") >> 20);
    }
    o.flush();
  }

  private static double gb(Object bytes) {
    return ((Number) bytes).doubleValue() / 1e9;
  }
}
