package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
    Logger log = (Logger) LoggerFactory.getLogger(TrainedModels.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    log.setLevel(Level.WARN);
    Summary second;
    try {
      second = run("b", List.of());
    } finally {
      log.detachAppender(events);
      log.setLevel(null);
    }
    assertThat(second.after()).isEqualTo(first.after());                           // the entry is still used
    assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
        .contains("original model", "trained on " + (Provenance.Host.nativeThreads() + 7) + " native threads");
  }
}
