package dev.unlearn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CliRun r = CliRun.of("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("run", "list");
    assertThat(CliRun.of("run", "--help").out()).contains("--set", "EXPERIMENT");
  }

  @Test
  void listShowsEveryRegistry() {
    CliRun r = CliRun.of("list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("methods", "retrain", "finetune", "gradient-ascent", "metrics", "macro_f1",
        "datasets", "synthetic-blobs", "models", "mlp", "metrics of sequence runs", "forget.el_jang", "mia.minkpp_auc",
        "metrics of every run", "peak_rss_bytes");
  }

  @Test
  void unknownKeyExitsNonZeroWithOneLineNamingTheKey() {
    Path f = Fixtures.write(dir, "e.yaml", Fixtures.tinyExperimentYaml(dir, "finetune") + "bogus: 1\n");
    CliRun r = CliRun.of("run", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("unlearn: " + f + ": unknown key 'bogus'; known: [checkpointEvery, "
        + "dataset, eval, forget, method, model, modelCache, name, output, seed, train]");
    assertThat(dir.resolve("tiny")).doesNotExist();
  }

  @Test
  void unknownCommandOrMissingArgumentIsAUsageError() {
    assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("run").exitCode()).isEqualTo(2);
  }

  @Test
  void failedRunLeavesNoSummary() throws Exception {
    Path ids = Fixtures.write(dir, "ids.txt", "no-such-id\n");
    Path f = Fixtures.write(dir, "e.yaml", Fixtures.tinyExperimentYaml(dir, "finetune"));
    CliRun r = CliRun.of("run", f.toString(), "--set", "forget.mode=ids", "--set", "forget.idsFile=" + ids,
        "--run-id", "r1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("id 'no-such-id' is not in dataset 'synthetic-blobs'");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    Path run = dir.resolve("tiny/r1");
    assertThat(run.resolve("config.yaml")).exists();
    assertThat(run.resolve("summary.json")).doesNotExist();
    assertThat(Files.list(run).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
  }
}
