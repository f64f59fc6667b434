package dev.unlearn4j.experiment;

import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code train_log.csv}: one row per step and logged quantity ({@code loss}, each objective term, {@code
 * grad_norm}), in long format so phases with different terms share one file. Written through at every step, so a
 * killed run keeps every step it took; a resumed run drops the rows of the steps it takes again (those after the
 * checkpoint it resumes from) when it takes the first of them, so the log has no gaps and no duplicates.
 */
public final class TrainLog implements TrainingListener, AutoCloseable {
  private static final String[] HEADER = {"phase", "epoch", "step", "name", "value"};
  private final Path file;
  private CSVPrinter csv;
  /** Phases that have logged a step in this process: the first step of each may overlap the earlier log. */
  private final Set<String> started = new HashSet<>();
  private final boolean resumed;

  public TrainLog(Path file) {
    this(file, false);
  }

  /** @param append continue an existing log (a resumed run) instead of starting a new one */
  public TrainLog(Path file, boolean append) {
    this.file = file;
    this.resumed = append && Files.isRegularFile(file);
    try {
      csv = open(resumed);
    } catch (IOException e) {
      throw new UnlearnException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private CSVPrinter open(boolean append) throws IOException {
    Writer w = append ? Files.newBufferedWriter(file, StandardOpenOption.APPEND) : Files.newBufferedWriter(file);
    var format = CSVFormat.DEFAULT.builder();
    return (append ? format.build() : format.setHeader(HEADER).build()).print(w);
  }

  @Override
  public void onStep(TrainerState s) {
    try {
      if (resumed && started.add(s.phase())) {
        dropFrom(s.phase(), s.step());
      }
      csv.printRecord(s.phase(), s.epoch(), s.step(), "loss", s.loss());
      for (var t : s.terms().entrySet()) {
        csv.printRecord(s.phase(), s.epoch(), s.step(), t.getKey(), t.getValue());
      }
      csv.printRecord(s.phase(), s.epoch(), s.step(), "grad_norm", s.gradNorm());
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the log without the rows of {@code phase} at or after {@code step} (taken before the kill). */
  private void dropFrom(String phase, int step) throws IOException {
    csv.close();
    List<CSVRecord> keep = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file)) {
      for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
        if (!rec.get("phase").equals(phase) || Integer.parseInt(rec.get("step")) < step) {
          keep.add(rec);
        }
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");     // renamed over the log: a kill loses nothing
    try (CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader(HEADER).build().print(Files.newBufferedWriter(tmp))) {
      for (CSVRecord rec : keep) {
        out.printRecord((Object[]) rec.values());
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    csv = open(true);
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
