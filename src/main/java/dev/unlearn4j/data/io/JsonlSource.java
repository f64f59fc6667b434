package dev.unlearn4j.data.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/** Your own labelled text as JSON Lines: one object per line (UTF-8). */
public final class JsonlSource implements DatasetSource {
  /**
   * @param path the .jsonl file (required)
   * @param textField field with the text (default text)
   * @param labelField field with the class name (default label)
   * @param idField field with a unique id; unset (default) numbers the lines line-1, line-2, …
   * @param groupField field naming the source document (default unset)
   * @param testPath a second .jsonl file with the same fields that is the test split (default unset: drawn from
   *     {@code path} by forget.testFraction); its lines are never trained on, its default ids test-line-N
   */
  public record Args(String path, String textField, String labelField, String idField, String groupField,
      String testPath) {
    public static Args defaults() {
      return new Args(null, "text", "label", null, null, null);
    }

    public Args withPath(Path p) {
      return new Args(p.toString(), textField, labelField, idField, groupField, testPath);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Args args;

  public JsonlSource(Args args) {
    if (args.path() == null) {
      throw new ConfigException("key 'dataset.args.path' is required for dataset 'jsonl'");
    }
    this.args = args;
  }

  @Override
  public Dataset load() {
    return LabelledRows.load("jsonl", Path.of(args.path()), args.testPath(), this::read,
        "field '" + args.labelField() + "'");
  }

  private void read(Path file, LabelledRows rows, String idPrefix) {
    try (BufferedReader in = LabelledRows.utf8(file)) {
      int n = 0;
      for (String line; (line = in.readLine()) != null; ) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + " line " + n;
        JsonNode o;
        try {
          o = JSON.readTree(line);
        } catch (IOException e) {
          throw new UnlearnException(where + ": not a JSON object");
        }
        if (o == null || !o.isObject() || !o.hasNonNull(args.labelField()) || !o.has(args.textField())) {
          throw new UnlearnException(where + ": needs the fields '" + args.textField() + "' and '"
              + args.labelField() + "'");
        }
        String id = args.idField() == null ? idPrefix + "line-" + n : o.path(args.idField()).asText();
        String group = args.groupField() == null ? null : o.path(args.groupField()).asText(null);
        rows.add(id, o.get(args.labelField()).asText(), o.get(args.textField()).asText(), group, where);
      }
    } catch (IOException e) {
      throw LabelledRows.readError(file, e);
    }
    rows.input(file);
  }
}
