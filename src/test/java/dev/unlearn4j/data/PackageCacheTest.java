package dev.unlearn4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in corpora unpacked by several processes at once into an empty cache. */
class PackageCacheTest {
  @TempDir Path dir;

  @Test
  void processesStartingTogetherOnAnEmptyCacheAllReadTheWholePackage() throws Exception {
    int files = 2000;
    byte[] tgz = tarball(files);
    PackageCache.NpmPackage pkg = new PackageCache.NpmPackage("@test/many-files", "1.0.0", Sha256.of(tgz));
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("datasets"));
    Files.write(cache.resolve("datasets").resolve(pkg.tarball()), tgz);        // placed by hand: no npm
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), PackageCacheChild.class.getName(), pkg.name(),
          pkg.version(), pkg.sha256()).redirectErrorStream(true);
      pb.environment().put("UNLEARN4J_CACHE", cache.toString());
      procs.add(pb.start());
    }
    for (Process p : procs) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out.lines().reduce((a, b) -> b).orElse("")).as(out).isEqualTo(String.valueOf(files));
    }
    try (var left = Files.list(cache.resolve("datasets"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".unpack"));
    }
  }

  private static byte[] tarball(int files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (int i = 0; i < files; i++) {
        byte[] text = ("message " + i + "\n").repeat(20).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(String.format("package/easy-ham/%05d.txt", i));
        e.setSize(text.length);
        tar.putArchiveEntry(e);
        tar.write(text);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
