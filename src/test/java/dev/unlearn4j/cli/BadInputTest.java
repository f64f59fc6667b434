package dev.unlearn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs not covered elsewhere: one line naming the cause, a non-zero exit, and no summary. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void anOutputDirectoryThatCannotBeCreated() throws Exception {
    Path blocker = Files.writeString(dir.resolve("results"), "a file where the output directory should be");
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(blocker.resolve("sub"), "finetune"));
    CliRun r = CliRun.of("run", f.toString(), "--no-progress");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("unlearn: cannot create output directory " + blocker.resolve("sub"))
        .doesNotContain("\n");
  }

  @Test
  void pretrainingIntoADirectoryThatHoldsSomethingIsRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("model"));
    Path kept = Files.writeString(out.resolve("notes.txt"), "earlier work");
    CliRun r = CliRun.of("pretrain", "--out", out.toString(), "--steps", "1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("unlearn: " + out + ": output directory exists and is not empty");
    try (var files = Files.list(out)) {
      assertThat(files).containsExactly(kept);
    }
  }

  @Test
  void aSequenceLengthBeyondTheEncodersPositions() throws Exception {
    StringBuilder csv = new StringBuilder("text,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append("message number ").append(i).append(i % 2 == 0 ? ",ham\n" : ",spam\n");
    }
    Path data = Files.writeString(dir.resolve("texts.csv"), csv);
    String yaml = Fixtures.tinyExperimentYaml(dir.resolve("runs"), "finetune")
        .replace("name: mlp\n  args: {hidden: 8}", "name: bert\n  args: {maxLength: 600}")
        .replace("name: synthetic-blobs\n  args: {perClass: 40, features: 4}", "name: csv\n  args: {path: " + data
            + "}");
    Path f = Fixtures.write(dir, "long.yaml", yaml);
    CliRun r = CliRun.of("run", f.toString(), "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isNotZero();
    assertThat(r.err()).contains("600", "512 positions");
    assertThat(dir.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.walk(p).noneMatch(x -> x.endsWith("summary.json"))).isTrue());
  }

  @Test
  void microBatchesForAContrastiveLossAreRefusedBeforeAnythingRuns() {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir.resolve("runs"), "deepcut"));
    CliRun r = CliRun.of("run", f.toString(), "--no-progress", "--set", "method.args.train.microBatch=2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).contains("microBatch 2: the loss term(s) [forget_contrastive] relate the rows")
        .doesNotContain("\n");
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
