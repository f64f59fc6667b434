package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.testing.LogCapture;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ICU end to end on the tiny preset: an original model pretrained with 4 planted 32-token passages (cached after
 * the first run), refinement and per-epoch checks, a complete run directory, and the same summary from a second
 * run with the same seed.
 */
@NeedsDatasetPackages
@Tag("slow")
class IcuEndToEndTest {
  @TempDir Path dir;

  private Path config() {
    return Fixtures.write(dir, "icu-tiny.yaml", Fixtures.tinyIcuYaml("icu-tiny", dir.resolve("runs")));
  }

  @Test
  void writesACompleteRunDirectoryAndIsDeterministic() throws Exception {
    Path cfg = config();
    Path prepared = Fixtures.originalCache().resolve("prepared");
    deleteTree(prepared);                      // run a computes what run b reads from the cache: same summary
    CliRun first = CliRun.of("run", cfg.toString(), "--run-id", "a", "--no-progress");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("stopped after", "forget.el_icu");
    Path run = dir.resolve("runs/icu-tiny/a");
    for (String f : List.of("config.yaml", "refinement_log.csv", "train_log.csv", "metrics.csv", "report.md",
        "provenance.json", "summary.json", "splits/forget.txt", "splits/analogues.csv", "model/model.safetensors",
        "model/tokenizer.json", "model/config.json")) {
      assertThat(run.resolve(f)).as(f).exists();
    }
    List<String> log = Files.readAllLines(run.resolve("refinement_log.csv"));
    assertThat(log.get(0)).startsWith("epoch,flagged,ma,el_icu");
    assertThat(log.get(1)).startsWith("0,");
    assertThat(Files.readAllLines(run.resolve("splits/forget.txt"))).hasSize(4);
    JsonNode s = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
    double maBefore = s.at("/before/forget.ma").asDouble();
    assertThat(maBefore).as("planted passages memorised by the original").isGreaterThan(0.5);
    assertThat(s.at("/before/forget.ma").asDouble()).isGreaterThan(s.at("/before/threshold.ma").asDouble());
    assertThat(s.at("/after/forget.ma").asDouble()).as("unlearning lowers MA").isLessThan(maBefore);
    assertThat(Files.readString(run.resolve("report.md"))).contains("Sample continuations", "rule `");
    assertThat(s.at("/before/forget.el_jang").asDouble()).as("Jang EL of the original").isBetween(0.0, 1.0);
    assertThat(s.at("/after/forget.el_jang").asDouble()).isBetween(0.0, 1.0);
    try (var entries = Files.list(prepared)) {
      assertThat(entries.map(f -> f.getFileName().toString().replaceAll("-.*", "")).sorted().toList())
          .containsExactly("check", "cloze", "el", "sentences", "thresholds");
    }
    assertThat(s.at("/after/unseen.cloze_accuracy").asDouble()).isBetween(0.0, 1.0);
    for (String k : List.of("mia.loss_auc", "mia.zlib_auc", "mia.mink_auc", "mia.minkpp_auc")) {
      assertThat(s.at("/after/" + k).asDouble()).as(k).isBetween(0.0, 1.0);
    }

    // unlearn eval on the saved model reproduces the run's after-values
    CliRun eval = CliRun.of("eval", run.toString(), "--out", dir.resolve("ev").toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode ev = Mappers.JSON.readTree(dir.resolve("ev/summary.json").toFile()).get("after");
    JsonNode evInputs = Mappers.JSON.readTree(dir.resolve("ev/provenance.json").toFile()).get("inputs");
    JsonNode runInputs = Mappers.JSON.readTree(run.resolve("provenance.json").toFile()).get("inputs");
    assertThat(evInputs.get("evaluated-model").asText()).isEqualTo(runInputs.get("unlearned-model").asText());
    assertThat(evInputs.get("original-model").asText()).isEqualTo(runInputs.get("original-model").asText());
    // and so does the saved model evaluated as a bare checkpoint with the run's config
    CliRun bare = CliRun.of("eval", run.resolve("model").toString(), "--experiment", run.resolve("config.yaml")
        .toString(), "--out", dir.resolve("ev-bare").toString());
    assertThat(bare.exitCode()).as(bare.err()).isZero();
    JsonNode evBare = Mappers.JSON.readTree(dir.resolve("ev-bare/summary.json").toFile()).get("after");
    for (String k : List.of("forget.ma", "forget.el_icu", "forget.bleu", "forget.bertscore_f1", "unseen.perplexity",
        "unseen.cloze_accuracy", "mia.loss_auc", "mia.zlib_auc", "mia.mink_auc", "mia.minkpp_auc")) {
      assertThat(ev.get(k).asDouble()).as(k).isCloseTo(s.at("/after/" + k).asDouble(),
          org.assertj.core.api.Assertions.within(1e-9));
      assertThat(evBare.get(k).asDouble()).as(k).isCloseTo(s.at("/after/" + k).asDouble(),
          org.assertj.core.api.Assertions.within(1e-9));
    }
    // Jang EL alone, as added to a finished run: the run's value, and the original's read from the run's cache entry
    CliRun jang = CliRun.of("eval", run.toString(), "--metrics", "forget.el_jang", "--out",
        run.resolve("eval-jang").toString());
    assertThat(jang.exitCode()).as(jang.err()).isZero();
    JsonNode j = Mappers.JSON.readTree(run.resolve("eval-jang/summary.json").toFile());
    assertThat(j.get("after").size()).as("only what was asked").isEqualTo(1);
    assertThat(j.at("/after/forget.el_jang").asDouble()).isEqualTo(s.at("/after/forget.el_jang").asDouble());
    assertThat(j.at("/before/forget.el_jang").asDouble()).isEqualTo(s.at("/before/forget.el_jang").asDouble());
    try (var entries = Files.list(prepared)) {
      assertThat(entries.count()).as("no new cache entry: the run's was found").isEqualTo(5);
    }

    LogCapture.Captured<CliRun> reads = LogCapture.of(PreparedCache.class, Level.INFO,
        () -> CliRun.of("run", cfg.toString(), "--run-id", "b", "--no-progress"));
    CliRun second = reads.value();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(reads.messages()).as("b reads a's check before training")
        .anyMatch(m -> m.startsWith("check-before from the cache"));
    JsonNode s2 = Mappers.JSON.readTree(dir.resolve("runs/icu-tiny/b/summary.json").toFile());
    assertThat(withoutCost(s2)).isEqualTo(withoutCost(s));
    for (String f : List.of("metrics.csv", "refinement_log.csv", "splits/forget.txt")) {   // b read a's check
      assertThat(Files.readString(dir.resolve("runs/icu-tiny/b/" + f))).as(f)
          .isEqualTo(Files.readString(run.resolve(f)));
    }

    // the two runs merge into one table row (identical values: std 0) and one line per plot
    CliRun table = CliRun.of("table", dir.resolve("runs").toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    String md = Files.readString(dir.resolve("runs/table.md"));
    assertThat(md).contains("| original | 1 |", "| icu | 2 |", "± 0.00");
    assertThat(dir.resolve("runs/el10-per-epoch.png")).isNotEmptyFile();
    assertThat(dir.resolve("runs/perplexity-per-epoch.png")).isNotEmptyFile();

    // a calibrated F1 threshold and an off-domain corpus leave the check before training as it was (read from the
    // cache); the refinement then uses the 95th percentile of the unrelated pairs' F1
    CliRun calibrated = CliRun.of("run", cfg.toString(), "--run-id", "c", "--no-progress", "--set",
        "eval.calibrateF1=true", "--set", "eval.offDomain=brown", "--set", "eval.offDomainPassages=4", "--set",
        "output=" + dir.resolve("runs-c"));
    assertThat(calibrated.exitCode()).as(calibrated.err()).isZero();
    JsonNode c = Mappers.JSON.readTree(dir.resolve("runs-c/icu-tiny/c/summary.json").toFile());
    assertThat(c.at("/before/refinement.f1_threshold").asDouble()).isEqualTo(c.at(
        "/before/calibration.f1_mismatched_p95").asDouble()).isNotEqualTo(0.5);
    assertThat(s.at("/before/refinement.f1_threshold").asDouble()).isEqualTo(0.5);
    for (String k : List.of("calibration.f1_own", "calibration.f1_mismatched", "calibration.own_above_p95")) {
      assertThat(c.at("/before/" + k).asDouble()).as(k).isEqualTo(s.at("/before/" + k).asDouble())
          .isBetween(0.0, 1.0 + 1e-9);                        // a verbatim continuation scores 1 up to rounding
    }
    assertThat(c.at("/before/forget.ma").asDouble()).isEqualTo(maBefore);
    assertThat(c.at("/after/offdomain.perplexity").asDouble()).isGreaterThan(1.0);
    assertThat(c.at("/before/offdomain.perplexity").asDouble()).isGreaterThan(1.0);
    try (var entries = Files.list(prepared)) {
      assertThat(entries.count()).as("only the off-domain perplexity is new").isEqualTo(6);
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (Files.isDirectory(root)) {
      try (var all = Files.walk(root)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static JsonNode withoutCost(JsonNode s) {
    ObjectNode c = s.deepCopy();
    c.remove("timing");
    c.remove("memory");
    return c;
  }
}
