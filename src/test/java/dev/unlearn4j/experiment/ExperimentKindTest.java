package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment kind: the explicit {@code kind} key, or inferred from {@code original} for older configs. */
class ExperimentKindTest {
  @TempDir Path dir;

  private static ExperimentKind of(String yaml) throws Exception {
    return ExperimentKind.of(Mappers.YAML.readTree(yaml));
  }

  @Test
  void explicitOrInferred() throws Exception {
    assertThat(of("name: a\n")).isEqualTo(ExperimentKind.CLASSIFICATION);
    assertThat(of("name: a\noriginal: {preset: tiny}\n")).isEqualTo(ExperimentKind.SEQUENCE);
    assertThat(of("kind: sequence\nname: a\n")).isEqualTo(ExperimentKind.SEQUENCE);
    assertThat(of("kind: classification\nname: a\n")).isEqualTo(ExperimentKind.CLASSIFICATION);
    assertThatThrownBy(() -> of("kind: vision\n")).isInstanceOf(ConfigException.class)
        .hasMessage("key 'kind' must be one of [classification, sequence], got 'vision'");
    assertThatThrownBy(() -> of("kind: classification\noriginal: {preset: tiny}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'original' belongs to sequence experiments");
  }

  @Test
  void aClassificationConfigMayNameItsKindAndABadKindFailsNamingTheFile() throws Exception {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), "kind: classification\nname: k\n"
        + "dataset: {name: synthetic-blobs}\n"
        + "model: {name: mlp}\nmethod: {name: finetune}\n");
    assertThat(ConfigLoader.load(ok, List.of()).name()).isEqualTo("k");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: vision\nname: k\n");
    CliRun run = CliRun.of("run", bad.toString(), "--no-progress");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains(bad + ": key 'kind' must be one of [classification, sequence]");
    assertThat(dir.resolve("results")).doesNotExist();
  }
}
