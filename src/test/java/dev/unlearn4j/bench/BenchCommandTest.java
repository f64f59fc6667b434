package dev.unlearn4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unlearn bench} at toy shapes: every row's ratio is its median over onnxruntime's forward of the same
 * MiniLM batch (the causal rows over MiniLM's first batch), each shape has its own peak memory, decoding is timed.
 */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void rowsCarryTheirRatioToOnnxRuntimeAndTheirPeakMemory() throws Exception {
    Path out = dir.resolve("bench.json");
    CliRun run = CliRun.of("bench", "--shapes", "2x8,2x16", "--causal-shapes", "2x16", "--causal-preset", "tiny",
        "--reps", "2", "--warmup", "0", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Mappers.JSON.readTree(out.toFile());
    Map<String, JsonNode> rows = new HashMap<>();
    json.get("results").forEach(r -> rows.put(r.get("model").asText() + " " + r.get("shape").asText() + " "
        + r.get("what").asText(), r));
    assertThat(rows).containsKeys("minilm 2x8 ort-fwd", "minilm 2x16 train", "tiny 2x16 train", "tiny 2x16 greedy",
        "tiny 2x16 beam2");
    for (String shape : new String[] {"2x8", "2x16"}) {
      double ort = rows.get("minilm " + shape + " ort-fwd").get("median_ms").asDouble();
      JsonNode train = rows.get("minilm " + shape + " train");
      assertThat(train.get("ort_ratio").asDouble()).isCloseTo(train.get("median_ms").asDouble() / ort,
          within(1e-9));
      assertThat(train.get("ort_yardstick").asText()).isEqualTo("minilm " + shape);
    }
    JsonNode causal = rows.get("tiny 2x16 train");
    assertThat(causal.get("ort_yardstick").asText()).isEqualTo("minilm 2x8");
    assertThat(causal.get("ort_ratio").asDouble()).isCloseTo(causal.get("median_ms").asDouble()
        / rows.get("minilm 2x8 ort-fwd").get("median_ms").asDouble(), within(1e-9));
    long whole = json.get("peak_rss_bytes").asLong();
    for (JsonNode r : rows.values()) {
      assertThat(r.get("peak_rss_bytes").asLong()).isPositive().isLessThanOrEqualTo(whole);
      assertThat(r.get("minor_faults_per_rep").asDouble()).isGreaterThanOrEqualTo(0);
    }
    JsonNode range = json.get("gemm_gflops_range");
    assertThat(range.get(0).asDouble()).isLessThanOrEqualTo(json.get("gemm_gflops").asDouble());
    assertThat(range.get(1).asDouble()).isGreaterThanOrEqualTo(json.get("gemm_gflops").asDouble());
  }
}
