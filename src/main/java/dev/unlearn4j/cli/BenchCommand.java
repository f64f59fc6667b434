package dev.unlearn4j.cli;

import dev.unlearn4j.bench.EncoderBench;
import dev.unlearn4j.bench.GemmCeiling;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn bench}: training-step and forward timings of the embedded encoder, against the GEMM ceiling. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time MiniLM forward passes and training steps (batch 8 x 64 and 32 x 128) and ND4J's GEMM "
        + "ceiling; prints ms/step, tokens/s, GFLOP/s and writes a JSON result.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--warmup", defaultValue = "3", description = "untimed repetitions first (${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--reps", defaultValue = "10", description = "timed repetitions (${DEFAULT-VALUE})")
  int reps;

  @Option(names = "--shapes", split = ",", defaultValue = "8x64,32x128",
      description = "batch x length shapes (${DEFAULT-VALUE})")
  List<String> shapes;

  @Option(names = "--freeze-embeddings", description = "train all blocks but keep the embedding tables fixed")
  boolean freezeEmbeddings;

  @Option(names = "--out", defaultValue = "results/bench/bench.json", description = "JSON result (${DEFAULT-VALUE})")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    double gemm = GemmCeiling.gflops(1024, 2, 5);
    o.printf("ND4J %s, %d cores; fp32 GEMM 1024^3: %.1f GFLOP/s%n", Nd4j.getBackend().getClass().getSimpleName(),
        Runtime.getRuntime().availableProcessors(), gemm);
    o.printf("%-10s %-8s %8s %12s %8s %10s %10s%n", "shape", "what", "GFLOP", "median ms", "spread",
        "tokens/s", "GFLOP/s");
    List<Map<String, Object>> rows = new ArrayList<>();
    EncoderBundle bundle = EncoderBundle.open(EmbeddedModels.MINILM, null);
    for (String s : shapes) {
      String[] bt = s.split("x");
      EncoderBench.Result r = EncoderBench.run(bundle, Integer.parseInt(bt[0]), Integer.parseInt(bt[1]), warmup, reps,
          freezeEmbeddings);
      rows.add(row(o, s, "forward", r.forwardGflop(), r.forward(), r));
      rows.add(row(o, s, "train", r.stepGflop(), r.step(), r));
      if (r.onnxRuntime() != null) {
        rows.add(row(o, s, "ort-fwd", r.forwardGflop(), r.onnxRuntime(), r));
      }
      o.flush();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("gemm_gflops", gemm);
    json.put("model", "all-MiniLM-L6-v2");
    json.put("embeddings_trained", !freezeEmbeddings);
    json.put("results", rows);
    AtomicFiles.writeString(out, Mappers.JSON.writeValueAsString(json) + "\n");
    o.println("written " + out);
    return 0;
  }

  private static Map<String, Object> row(PrintWriter o, String shape, String what, double gflop,
      dev.unlearn4j.bench.Timings t, EncoderBench.Result r) {
    double sec = t.median() / 1e3;
    double tokens = (double) r.batch() * r.length() / sec;
    o.printf("%-10s %-8s %8.1f %12.1f %7.0f%% %10.0f %10.1f%n", shape, what, gflop, t.median(), 100 * t.spread(),
        tokens, gflop / sec);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shape", shape);
    m.put("what", what);
    m.put("gflop", gflop);
    m.put("median_ms", t.median());
    m.put("min_ms", t.min());
    m.put("max_ms", t.max());
    m.put("spread", t.spread());
    m.put("tokens_per_s", tokens);
    m.put("gflops", gflop / sec);
    m.put("millis", t.millis());
    return m;
  }
}
