package dev.unlearn4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way (the disk fills up) leaves neither a partial file nor a temporary one, and keeps the
 * previous version of the target. The failure is raised from inside the write, as the JDK reports ENOSPC.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  private static AtomicFiles.Writer fillsTheDisk() {
    return out -> {
      out.write(new byte[4096]);
      throw new IOException("No space left on device");
    };
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws Exception {
    Path target = dir.resolve("summary.json");
    assertThatThrownBy(() -> AtomicFiles.write(target, fillsTheDisk())).isInstanceOf(UnlearnException.class)
        .hasMessageContaining("cannot write " + target).hasMessageContaining("No space left on device");
    assertThat(target).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").isEmpty();
    }
  }

  @Test
  void aFailedRewriteKeepsThePreviousVersion() throws Exception {
    Path target = dir.resolve("metrics.csv");
    AtomicFiles.writeString(target, "phase,split\n");
    assertThatThrownBy(() -> AtomicFiles.write(target, fillsTheDisk())).isInstanceOf(UnlearnException.class);
    assertThat(target).hasContent("phase,split");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
