package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad sequence configs fail before anything runs, with one line naming the key, and leave no run directory. */
class SequenceConfigTest {
  @TempDir Path dir;

  private CliRun run(String yaml) throws Exception {
    Path f = dir.resolve("x.yaml");
    Files.writeString(f, yaml + "\noutput: " + dir.resolve("runs") + "\n");
    return CliRun.of("run", f.toString(), "--no-progress");
  }

  @Test
  void badKeysValuesAndMethodKindsAreConfigErrors() throws Exception {
    String base = "name: s\noriginal: {preset: tiny, sets: 2}\n";
    CliRun unknown = run(base + "method: {name: icu}\nforgetSets: 1");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("forgetSets", "forgetSet");
    CliRun range = run(base + "method: {name: icu}\nforgetSet: 2");
    assertThat(range.exitCode()).isEqualTo(2);
    assertThat(range.err()).contains("'forgetSet' must lie in 0..1");
    CliRun classifier = run(base + "method: {name: deepcut}");
    assertThat(classifier.exitCode()).isEqualTo(2);
    assertThat(classifier.err()).contains("classifier method");
    CliRun threshold = run(base + "method: {name: icu}\neval: {thresholds: strict}");
    assertThat(threshold.exitCode()).isEqualTo(2);
    assertThat(threshold.err()).contains("eval.thresholds");
    CliRun weight = run(base + "method: {name: icu, args: {klWeight: high}}");
    assertThat(weight.exitCode()).isEqualTo(2);
    assertThat(weight.err()).contains("klWeight");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void aSequenceMethodInAClassificationConfigIsAConfigError() throws Exception {
    CliRun r = run("name: c\ndataset: {name: synthetic-blobs}\nmodel: {name: mlp}\nmethod: {name: kumpr}");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("kumpr", "sequence experiment");
  }

  @Test
  void aCheckpointWithoutPassagesIsARunError() throws Exception {
    Files.createDirectories(dir.resolve("ckpt"));
    CliRun r = run("name: s\noriginal: {checkpoint: " + dir.resolve("ckpt") + "}\nmethod: {name: icu}");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no passages.jsonl");
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
