package dev.unlearn4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A separate process for {@link PackageCacheTest}: unpacks a package and reads every file of it. */
public final class PackageCacheChild {
  private PackageCacheChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = PackageCache.unpacked(new PackageCache.NpmPackage(args[0], args[1], args[2]));
    long n = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.readAllBytes(f);
        n++;
      }
    }
    System.out.println(n);
  }
}
