package dev.unlearn4j.experiment;

import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code train_log.csv}: one row per step and logged quantity ({@code loss}, each objective term, {@code
 * grad_norm}), in long format so phases with different terms share one file.
 */
public final class TrainLog implements TrainingListener, AutoCloseable {
  private final CSVPrinter csv;

  public TrainLog(Path file) {
    this(file, false);
  }

  /** @param append continue an existing log (a resumed run) instead of starting a new one */
  public TrainLog(Path file, boolean append) {
    try {
      boolean cont = append && Files.isRegularFile(file);
      Writer w = cont ? Files.newBufferedWriter(file, java.nio.file.StandardOpenOption.APPEND)
          : Files.newBufferedWriter(file);
      var format = CSVFormat.DEFAULT.builder();
      csv = (cont ? format.build() : format.setHeader("phase", "epoch", "step", "name", "value").build()).print(w);
    } catch (IOException e) {
      throw new UnlearnException("cannot write " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void onStep(TrainerState s) {
    try {
      csv.printRecord(s.phase(), s.epoch(), s.step(), "loss", s.loss());
      for (var t : s.terms().entrySet()) {
        csv.printRecord(s.phase(), s.epoch(), s.step(), t.getKey(), t.getValue());
      }
      csv.printRecord(s.phase(), s.epoch(), s.step(), "grad_norm", s.gradNorm());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onEpochEnd(TrainerState s) {
    try {
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
