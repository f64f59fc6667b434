package dev.unlearn4j.data.io;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Your own labelled text as a folder of folders: {@code <path>/<label>/<file>}, one UTF-8 file per example. */
public final class TextFolderSource implements DatasetSource {
  /**
   * @param path the top folder (required); each subfolder is a class, each regular file in it an example
   * @param testPath a second folder laid out the same way that is the test split (default unset: drawn from
   *     {@code path} by forget.testFraction); its files are never trained on, their ids prefixed test-
   */
  public record Args(String path, String testPath) {
    public static Args defaults() {
      return new Args(null, null);
    }
  }

  private final Args args;

  public TextFolderSource(Args args) {
    if (args.path() == null) {
      throw new ConfigException("key 'dataset.args.path' is required for dataset 'text-folder'");
    }
    this.args = args;
  }

  @Override
  public Dataset load() {
    Path root = Path.of(args.path());
    return LabelledRows.load("text-folder", root, args.testPath(), TextFolderSource::read,
        "the folder names under " + root);
  }

  private static void read(Path root, LabelledRows rows, String idPrefix) {
    if (!Files.isDirectory(root)) {
      throw new UnlearnException(root + ": no such folder");
    }
    for (Path labelDir : list(root).stream().filter(Files::isDirectory).toList()) {
      String label = labelDir.getFileName().toString();
      for (Path f : list(labelDir).stream().filter(Files::isRegularFile).toList()) {
        try (BufferedReader in = LabelledRows.utf8(f)) {
          String text = in.lines().collect(Collectors.joining("\n"));
          rows.add(idPrefix + label + "/" + f.getFileName(), label, text, null, f.toString());
        } catch (IOException e) {
          throw LabelledRows.readError(f, e);
        } catch (UncheckedIOException e) {
          throw LabelledRows.readError(f, e.getCause());
        }
      }
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot list (" + e.getMessage() + ")");
    }
  }
}
