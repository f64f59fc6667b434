package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInputsTest {
  @TempDir Path dir;

  @Test
  void cacheFilesAreKeyedWithoutTheMachinesPath() {
    Path cached = CacheDir.root().resolve("originals/small-1/model/model.safetensors");
    assertThat(RunInputs.key(cached)).isEqualTo("$UNLEARN4J_CACHE/originals/small-1/model/model.safetensors");
    assertThat(RunInputs.key(Path.of("data/emails.csv"))).as("paths outside the cache as given")
        .isEqualTo("data/emails.csv");
  }

  @Test
  void aRunRecordedWithAbsoluteCachePathsStillResumes() {
    Path cached = CacheDir.root().toAbsolutePath().resolve("originals/small-1/model/model.safetensors");
    RunDirectory run = RunDirectory.at(dir.resolve("run"));
    String sha = "a".repeat(64);
    run.writeJson(RunInputs.FILE, Map.of(cached.toString(), sha));           // as runs before the cache keys wrote
    RunInputs.requireUnchanged(run, Map.of(RunInputs.key(cached), sha));
    assertThatThrownBy(() -> RunInputs.requireUnchanged(run, Map.of(RunInputs.key(cached), "b".repeat(64))))
        .isInstanceOf(UnlearnException.class).hasMessageContaining(cached.toString()).hasMessageContaining("changed");
  }
}
