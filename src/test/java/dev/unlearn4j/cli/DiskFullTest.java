package dev.unlearn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that really fills up: the run's output lies on a 64 KiB tmpfs, smaller than the run directory, so one of
 * its writes fails with ENOSPC. The user sees one line naming the file and the cause, exit 1, and no summary.json.
 * Mounting needs root (CAP_SYS_ADMIN); where mount is refused the test is skipped, and the injected failure of
 * {@code AtomicFilesTest} still covers the write path.
 */
class DiskFullTest {
  @TempDir Path dir;
  private Path disk;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("small-disk"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor() == 0, "mount refused: " + out.strip());
  }

  @AfterEach
  void unmount() throws Exception {
    new ProcessBuilder("umount", disk.toString()).start().waitFor();
  }

  @Test
  void aFullDiskEndsTheRunWithOneLineAndNoSummary() {
    Path cfg = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(disk.resolve("runs"), "finetune"));
    CliRun r = CliRun.of("run", cfg.toString(), "--run-id", "full", "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err().strip()).as("one line").doesNotContain("\n").contains("No space left on device")
        .contains(disk.resolve("runs/tiny/full").toString());
    assertThat(disk.resolve("runs/tiny/full/summary.json")).doesNotExist();
  }
}
