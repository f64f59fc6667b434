package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached original and oracle give the run exactly what training them again would, and cost no training. */
class TrainedModelsTest {
  @TempDir Path dir;

  private Summary run(String id, List<String> sets) {
    String yaml = Fixtures.tinyExperimentYaml(dir.resolve("out"), "gradient-ascent") + "modelCache: "
        + dir.resolve("cache") + "\n";
    return new ExperimentRunner(List.of()).run(Experiment.resolve(ConfigLoader.parse(yaml, sets), "t"), id)
        .summary();
  }

  @Test
  void aCachedRunEqualsTheRunThatTrainedTheModels() throws Exception {
    Summary first = run("a", List.of());
    Summary second = run("b", List.of());
    assertThat(second.before()).isEqualTo(first.before());
    assertThat(second.oracle()).isEqualTo(first.oracle());
    assertThat(second.after()).isEqualTo(first.after());
    assertThat(second.timing().get("original_s")).isEqualTo(first.timing().get("original_s"));
    assertThat(second.timing().get("oracle_s")).isEqualTo(first.timing().get("oracle_s"));
    try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
      Path entry = entries.findFirst().orElseThrow();
      assertThat(entry.resolve("original.safetensors")).isNotEmptyFile();
      assertThat(entry.resolve("oracle.json")).isNotEmptyFile();
    }
    run("c", List.of("seed=12"));                                               // another seed: another entry
    try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
      assertThat(entries.count()).isEqualTo(2);
    }
  }

  @Test
  void anEntryFromAnotherThreadCountIsUsedWithAWarning() throws Exception {
    Summary first = run("a", List.of());
    Path entry;
    try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
      entry = entries.findFirst().orElseThrow();
    }
    JsonNode meta = Mappers.JSON.readTree(entry.resolve("original.json").toFile());
    assertThat(meta.get("threads").asInt()).isEqualTo(Provenance.Host.nativeThreads()).isPositive();
    JsonNode prov = Mappers.JSON.readTree(dir.resolve("out/tiny/a/provenance.json").toFile());
    assertThat(prov.at("/host/threads").asInt()).isEqualTo(Provenance.Host.nativeThreads());

    Files.writeString(entry.resolve("original.json"), "{\"train_s\": " + meta.get("train_s").asDouble()
        + ", \"threads\": " + (Provenance.Host.nativeThreads() + 7) + "}\n");
    LogCapture.Captured<Summary> second = LogCapture.of(TrainedModels.class, Level.WARN, () -> run("b", List.of()));
    assertThat(second.value().after()).isEqualTo(first.after());                   // the entry is still used
    assertThat(second.messages()).singleElement().asString()
        .contains("original model", "trained on " + (Provenance.Host.nativeThreads() + 7) + " native threads");
  }
}
