package dev.unlearn4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.experiment.sequence.SequenceExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every committed experiment config parses and resolves (a typo in one would only show hours into a run). */
class ExperimentFilesTest {
  @Test
  void everyConfigInExperimentsResolves() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("experiments"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);
    for (Path f : files) {
      var tree = ConfigLoader.readTree(f);
      if (ExperimentKind.of(tree) == ExperimentKind.SEQUENCE) {
        assertThat(SequenceExperiment.resolve(tree, List.of(), f.toString()).config().name()).as(f.toString())
            .isNotBlank();
      } else {
        assertThat(Experiment.resolve(ConfigLoader.load(f, List.of()), f.toString()).method()).as(f.toString())
            .isNotNull();
      }
    }
  }
}
