package dev.unlearn4j.data.io;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Your own labelled text as a CSV file with a header row (Apache Commons CSV, UTF-8). */
public final class CsvSource implements DatasetSource {
  /**
   * @param path the CSV file (required)
   * @param textColumn column with the text (default text)
   * @param labelColumn column with the class name (default label)
   * @param idColumn column with a unique id; unset (default) numbers the rows row-1, row-2, …
   * @param groupColumn column naming the source document of each row, so test splits keep documents whole
   *     (default unset)
   * @param delimiter field separator (default ",")
   * @param testPath a second CSV with the same columns that is the test split (default unset: the test split is
   *     drawn from {@code path} by forget.testFraction); its rows are never trained on, its default ids test-row-N
   */
  public record Args(String path, String textColumn, String labelColumn, String idColumn, String groupColumn,
      String delimiter, String testPath) {
    public Args {
      if (delimiter == null || delimiter.length() != 1) {
        throw new ConfigException("key 'dataset.args.delimiter' must be one character");
      }
    }

    public static Args defaults() {
      return new Args(null, "text", "label", null, null, ",", null);
    }
  }

  private final Args args;

  public CsvSource(Args args) {
    if (args.path() == null) {
      throw new ConfigException("key 'dataset.args.path' is required for dataset 'csv'");
    }
    this.args = args;
  }

  @Override
  public Dataset load() {
    return LabelledRows.load("csv", Path.of(args.path()), args.testPath(), this::read,
        "column '" + args.labelColumn() + "'");
  }

  private void read(Path file, LabelledRows rows, String idPrefix) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(args.delimiter().charAt(0)).setHeader()
        .setSkipHeaderRecord(true).build();
    try (BufferedReader in = LabelledRows.utf8(file); CSVParser csv = format.parse(in)) {
      List<String> header = csv.getHeaderNames();
      for (String col : new String[] {args.textColumn(), args.labelColumn(), args.idColumn(),
          args.groupColumn()}) {
        if (col != null && !header.contains(col)) {
          throw new UnlearnException(file + ": no column '" + col + "'; columns: " + header);
        }
      }
      for (CSVRecord r : csv) {
        String where = file + " line " + r.getParser().getCurrentLineNumber();
        String id = args.idColumn() == null ? idPrefix + "row-" + r.getRecordNumber() : r.get(args.idColumn());
        rows.add(id, r.get(args.labelColumn()), r.get(args.textColumn()),
            args.groupColumn() == null ? null : r.get(args.groupColumn()), where);
      }
    } catch (IOException e) {
      throw LabelledRows.readError(file, e);
    } catch (UncheckedIOException e) {
      throw LabelledRows.readError(file, e.getCause());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UnlearnException(file + ": malformed CSV (" + e.getMessage() + ")");
    }
    rows.input(file);
  }
}
