package dev.unlearn4j.data.io;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.util.InputFiles;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects (id, label name, text, group) rows from a user's file and turns them into a {@link Dataset}: labels are
 * the sorted distinct names; duplicate ids, a single class and an empty file are errors naming the source.
 */
final class LabelledRows {
  private record Row(String id, String label, String text, String group) {}

  private final String source;
  private final List<Row> rows = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private final Set<String> testIds = new HashSet<>();
  private Path testFile;

  LabelledRows(String source) {
    this.source = source;
  }

  void add(String id, String label, String text, String group, String where) {
    if (label == null || label.isBlank()) {
      throw new UnlearnException(where + ": empty label");
    }
    if (!ids.add(id)) {
      throw new UnlearnException(where + ": duplicate id '" + id + "'");
    }
    rows.add(new Row(id, label, text == null ? "" : text, group));
    if (testFile != null) {
      testIds.add(id);
    }
  }

  /** Reads one file's rows; {@code idPrefix} is "" for the training file and "test-" for the test file. */
  interface FileReader {
    void read(Path file, LabelledRows rows, String idPrefix);
  }

  /**
   * The dataset of {@code file} and, when {@code testPath} is set, of the separate test file read the same way.
   *
   * @param labelKey names where the labels come from, for messages
   */
  static Dataset load(String name, Path file, String testPath, FileReader reader, String labelKey) {
    LabelledRows rows = new LabelledRows(file.toString());
    reader.read(file, rows, "");
    if (testPath != null) {
      rows.testFile = Path.of(testPath);                    // the rows added from here on are the test split
      reader.read(rows.testFile, rows, "test-");
    }
    return rows.toDataset(name, labelKey);
  }

  void input(Path file) {
    inputs.put(file.toString(), Sha256.of(file));
  }

  Dataset toDataset(String name, String labelKey) {
    if (rows.isEmpty()) {
      throw new UnlearnException(source + ": no examples");
    }
    List<String> labels = new ArrayList<>(new TreeSet<>(rows.stream().map(Row::label).toList()));
    if (labels.size() < 2) {
      throw new UnlearnException(source + ": " + labelKey + " has only one class '" + labels.get(0)
          + "'; a classifier needs at least two");
    }
    if (testFile != null) {
      checkTest(labelKey);
    }
    List<Example> ex = new ArrayList<>();
    for (Row r : rows) {
      ex.add(new Example(r.id(), labels.indexOf(r.label()), r.text(), null, r.group()));
    }
    return new Dataset(name, labels, ex, inputs, Set.copyOf(testIds));
  }

  /** A test file adds examples, never classes: its classes must all occur in the training file. */
  private void checkTest(String labelKey) {
    if (testIds.isEmpty()) {
      throw new UnlearnException(testFile + ": no examples (dataset.args.testPath)");
    }
    Set<String> trained = new HashSet<>();
    rows.stream().filter(r -> !testIds.contains(r.id())).forEach(r -> trained.add(r.label()));
    if (trained.isEmpty()) {
      throw new UnlearnException(source + ": no training examples besides the test file");
    }
    for (Row r : rows) {
      if (testIds.contains(r.id()) && !trained.contains(r.label())) {
        throw new UnlearnException(testFile + ": test example '" + r.id() + "' has class '" + r.label()
            + "', which " + source + " never uses (" + labelKey + ")");
      }
    }
  }

  /**
   * A reader that fails on bytes that are not UTF-8 instead of replacing them silently, and skips a UTF-8
   * byte-order mark (spreadsheet exports write one). A FIFO, a device or a file over 2 GiB is refused first.
   */
  static BufferedReader utf8(Path file) {
    try {
      InputFiles.requireRegular(file, file.toString());
      var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
      in.mark(1);
      if (in.read() != '\uFEFF') {
        in.reset();
      }
      return in;
    } catch (NoSuchFileException e) {
      throw new UnlearnException(file + ": no such file");
    } catch (IOException e) {
      throw readError(file, e);
    }
  }

  /** Translates a read failure, naming malformed UTF-8 as such with the line and byte offset of the first. */
  static UnlearnException readError(Path file, IOException e) {
    if (e instanceof CharacterCodingException) {
      return new UnlearnException(file + ": not valid UTF-8 text" + Utf8Position.firstMalformed(file)
          + " (save it as UTF-8)");
    }
    return new UnlearnException(file + ": cannot read (" + e.getMessage() + ")");
  }
}
