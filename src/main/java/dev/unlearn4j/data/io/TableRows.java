package dev.unlearn4j.data.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a small table in a CSV file with a header row ({@code .csv}) or in JSON Lines ({@code .jsonl}, one
 * object per line), UTF-8, each as column → text with the line it came from (for errors that name it).
 */
public final class TableRows {
  private TableRows() {}

  /** One row: its line in the file (1-based) and its fields. */
  public record Row(long line, Map<String, String> fields) {}

  public static List<Row> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (BufferedReader in = LabelledRows.utf8(file)) {
      return name.endsWith(".jsonl") || name.endsWith(".json") ? jsonl(file, in) : csv(in);
    } catch (IOException | UncheckedIOException e) {
      throw LabelledRows.readError(file, e instanceof IOException io ? io : ((UncheckedIOException) e)
          .getCause());
    }
  }

  private static List<Row> csv(BufferedReader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (CSVParser p = CSVParser.parse(in, format)) {
      for (CSVRecord r : p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.getHeaderNames().forEach(h -> m.put(h, r.isSet(h) ? r.get(h) : null));
        rows.add(new Row(r.getRecordNumber() + 1, m));                  // line 1 is the header
      }
    }
    return rows;
  }

  private static List<Row> jsonl(Path file, BufferedReader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    long line = 0;
    for (String s = in.readLine(); s != null; s = in.readLine()) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      JsonNode o;
      try {
        o = Mappers.JSON.readTree(s);
      } catch (IOException e) {
        throw new UnlearnException(file + " line " + line + ": not a JSON object");
      }
      if (!o.isObject()) {
        throw new UnlearnException(file + " line " + line + ": not a JSON object");
      }
      Map<String, String> m = new LinkedHashMap<>();
      o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      rows.add(new Row(line, m));
    }
    return rows;
  }
}
