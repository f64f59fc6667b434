package dev.unlearn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
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
        + "dataset, eval, forget, method, model, modelCache, name, output, seed, stop, train]");
    assertThat(dir.resolve("tiny")).doesNotExist();
  }

  @Test
  void aBadSetValueBlamesTheAssignmentNotTheFile() {
    Path f = Fixtures.write(dir, "e.yaml", Fixtures.tinyExperimentYaml(dir, "finetune"));
    CliRun r = CliRun.of("run", f.toString(), "--set", "train.epochs=many");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("unlearn: --set train.epochs=many: key 'train.epochs' expects");
    CliRun inFile = CliRun.of("run", Fixtures.write(dir, "f.yaml", Fixtures.tinyExperimentYaml(dir, "finetune")
        + "bogus: 1\n").toString(), "--set", "train.epochs=2");
    assertThat(inFile.err().strip()).startsWith("unlearn: " + dir.resolve("f.yaml") + ": unknown key 'bogus'");
  }

  @Test
  void unknownCommandOrMissingArgumentIsAUsageError() {
    assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("run").exitCode()).isEqualTo(2);
  }

  @Test
  void aRunWithBadForgetIdsLeavesNoRunDirectory() {
    Path ids = Fixtures.write(dir, "ids.txt", "no-such-id\n");
    Path f = Fixtures.write(dir, "e.yaml", Fixtures.tinyExperimentYaml(dir, "finetune"));
    CliRun r = CliRun.of("run", f.toString(), "--set", "forget.mode=ids", "--set", "forget.idsFile=" + ids,
        "--run-id", "r1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("id 'no-such-id' is not in dataset 'synthetic-blobs'");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(dir.resolve("tiny/r1")).doesNotExist();                  // so the run id stays free
    assertThat(CliRun.of("run", f.toString(), "--run-id", "r1").exitCode()).isZero();
  }

  /** A command that runs out of memory, as a large model on a small heap does. */
  @picocli.CommandLine.Command(name = "oom")
  static final class Oom implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void runningOutOfMemoryIsOneLineWithAHint() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new Oom());
    cl.setErr(new java.io.PrintWriter(err, true));
    assertThat(Main.run(cl)).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("unlearn: out of memory (Java heap space): give the JVM more heap, "
        + "e.g. UNLEARN_JAVA_OPTS=-Xmx16g, or lower the batch size or set train.microBatch");
  }

  @Test
  void usageErrorsAreOneLineThatSaysWhereHelpIs() {
    CliRun r = CliRun.of("run");
    assertThat(r.err().strip()).isEqualTo("unlearn: give either EXPERIMENT or --resume RUN_DIR; "
        + "see 'unlearn run --help'");
    assertThat(CliRun.of("run", "--frobnicate").err().strip()).startsWith("unlearn: Unknown option: '--frobnicate'")
        .doesNotContain("\n");
  }

  @Test
  void aRunIdThatIsNotOneDirectoryNameIsRefused() {
    Path f = Fixtures.write(dir, "e.yaml", Fixtures.tinyExperimentYaml(dir, "finetune"));
    for (String id : new String[] {"../../x", dir.resolve("abs").toString(), "a/b", "", ".."}) {
      CliRun r = CliRun.of("run", f.toString(), "--run-id", id);
      assertThat(r.exitCode()).as(id).isEqualTo(2);
      assertThat(r.err().strip()).as(id).startsWith("unlearn: --run-id '" + id + "': use only letters, digits");
    }
    assertThat(dir.resolve("tiny")).doesNotExist();
    assertThat(dir.resolve("abs")).doesNotExist();
  }

  @Test
  void resumeRefusesSettingsItWouldIgnore() {
    CliRun r = CliRun.of("run", "--resume", dir.toString(), "--set", "seed=3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--set, --run-id and --methods cannot be combined with it");
    assertThat(CliRun.of("run", "--resume", dir.toString(), "--run-id", "x").exitCode()).isEqualTo(2);
  }
}
