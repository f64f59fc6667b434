package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny real training job (perceptron on generated clusters) through {@code unlearn run}, and every file of the
 * run directory it writes; then the same config run again must give the same summary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDirectoryContractTest {
  @TempDir static Path dir;
  private Path runA;
  private Path runB;
  private CliRun cliA;

  @BeforeAll
  void runTwice() {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir, "gradient-ascent"));
    cliA = CliRun.of("run", f.toString(), "--run-id", "a", "--no-progress");
    CliRun b = CliRun.of("run", f.toString(), "--run-id", "b", "--no-progress");
    assertThat(cliA.exitCode()).as(cliA.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    runA = dir.resolve("tiny/a");
    runB = dir.resolve("tiny/b");
  }

  @Test
  void runDirectoryHoldsEveryContractFile() {
    for (String name : List.of("config.yaml", "provenance.json", "metrics.csv", "summary.json", "report.md",
        "train_log.csv", "splits/forget.txt", "splits/retain.txt", "splits/test.txt", "model/model.safetensors")) {
      assertThat(runA.resolve(name)).isRegularFile().isNotEmptyFile();
    }
    assertThat(cliA.out()).contains("forget.accuracy", "run directory: " + runA);
  }

  @Test
  void summaryHasTheContractShape() throws Exception {
    JsonNode s = Mappers.JSON.readTree(runA.resolve("summary.json").toFile());
    assertThat(iterable(s.fieldNames())).containsExactly("experiment", "method", "model", "dataset", "labelNames",
        "seed", "before", "after", "oracle", "timing", "memory");
    assertThat(iterable(s.get("labelNames").elements())).extracting(JsonNode::asText).containsExactly("c0", "c1", "c2");
    assertThat(s.get("method").asText()).isEqualTo("gradient-ascent");
    assertThat(s.get("seed").asLong()).isEqualTo(11);
    for (String phase : List.of("before", "after", "oracle")) {
      for (String split : List.of("forget", "retain", "test")) {
        for (String m : List.of("accuracy", "macro_f1", "micro_f1", "ce_loss")) {
          assertThat(s.get(phase).get(split + "." + m).isNumber()).as(phase + " " + split + "." + m).isTrue();
        }
      }
    }
    for (String phase : List.of("before", "after")) {
      assertThat(s.get(phase).get("mia.loss_auc").asDouble()).isBetween(0.0, 1.0);
      assertThat(s.get(phase).get("oracle_gap.test.macro_f1").asDouble()).isBetween(0.0, 1.0);
      assertThat(s.get(phase).get("oracle_agreement.retain").asDouble()).isBetween(0.0, 1.0);
      assertThat(s.get(phase).get("forget_quality.log10_p").asDouble()).isLessThanOrEqualTo(0.0);
    }
    assertThat(iterable(s.get("timing").fieldNames())).contains("unlearn_s", "eval_s", "total_s",
        "retrain_ratio");
    assertThat(s.get("memory").get("peak_heap_bytes").asLong()).isPositive();
    assertThat(s.get("memory").get("peak_rss_bytes").asLong()).isPositive();
    // gradient ascent raises the forget loss: the run really trained
    assertThat(s.get("after").get("forget.ce_loss").asDouble())
        .isGreaterThan(s.get("before").get("forget.ce_loss").asDouble());
  }

  @Test
  void metricsCsvHasOneRowPerPhaseSplitExampleAndMetric() throws Exception {
    int forget = Files.readAllLines(runA.resolve("splits/forget.txt")).size();
    int retain = Files.readAllLines(runA.resolve("splits/retain.txt")).size();
    int test = Files.readAllLines(runA.resolve("splits/test.txt")).size();
    assertThat(forget + retain + test).isEqualTo(120);
    try (Reader r = Files.newBufferedReader(runA.resolve("metrics.csv"))) {
      List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(r).getRecords();
      // per-example metrics: accuracy and ce_loss; phases before, oracle, after
      assertThat(rows).hasSize(3 * 2 * 120);
      assertThat(rows.get(0).get("phase")).isEqualTo("before");
    }
  }

  @Test
  void provenanceRecordsSeedBackendAndInputs() throws Exception {
    JsonNode p = Mappers.JSON.readTree(runA.resolve("provenance.json").toFile());
    assertThat(p.get("seed").asLong()).isEqualTo(11);
    assertThat(p.get("nd4jBackend").asText()).isEqualTo("CpuBackend");
    assertThat(p.get("nd4jVersion").asText()).isEqualTo("1.0.0-M2.1");
    assertThat(p.get("host").get("cores").asInt()).isPositive();
    assertThat(p.get("inputs").get("dataset:synthetic-blobs").asText()).hasSize(64);
  }

  @Test
  void sameConfigAndSeedGiveAByteIdenticalSummaryApartFromTimingAndMemory() throws Exception {
    assertThat(withoutCosts(runA)).isEqualTo(withoutCosts(runB));
    assertThat(Files.readString(runA.resolve("metrics.csv"))).isEqualTo(Files.readString(runB.resolve(
        "metrics.csv")));
  }

  @Test
  void theResolvedConfigRunsAgainToTheSameSummary() throws Exception {
    CliRun c = CliRun.of("run", runA.resolve("config.yaml").toString(), "--run-id", "c", "--no-progress");
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(withoutCosts(dir.resolve("tiny/c"))).isEqualTo(withoutCosts(runA));
  }

  private static String withoutCosts(Path run) throws Exception {
    var s = (com.fasterxml.jackson.databind.node.ObjectNode) Mappers.JSON.readTree(
        Files.readString(run.resolve("summary.json")));
    s.remove("timing");
    s.remove("memory");
    return Mappers.JSON.writeValueAsString(s);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  @Test
  void reportIdentifiesTheForgottenDataAndBothModels() throws Exception {
    String report = Files.readString(runA.resolve("report.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| (before \\(original\\)|after \\(unlearned, `model/`\\)) "
        + "\\| ([0-9a-f]{64}) \\|").matcher(report);
    List<String> hashes = new java.util.ArrayList<>();
    while (m.find()) {
      hashes.add(m.group(2));
    }
    assertThat(hashes).hasSize(2).doesNotHaveDuplicates();
    assertThat(report).contains("SHA-256 of the forgotten data", "## Checks", "| forget macro_f1 below the original's | ",
        "Classes, by label index: 0 `c0`, 1 `c1`, 2 `c2`.");
    // the after-fingerprint is that of the saved model/
    var saved = dev.unlearn4j.model.io.Safetensors.read(runA.resolve("model/model.safetensors"));
    dev.unlearn4j.model.Model stub = new dev.unlearn4j.model.Model() {
      public int numClasses() {
        return 2;
      }

      public dev.unlearn4j.model.ModelGraph graph(boolean training, long seed) {
        throw new UnsupportedOperationException();
      }

      public void load(dev.unlearn4j.model.ModelGraph graph) {
      }

      public dev.unlearn4j.model.Model copy() {
        return this;
      }

      public java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> weights() {
        return saved;
      }
    };
    assertThat(Fingerprints.model(stub)).isEqualTo(hashes.get(1));
  }
}
