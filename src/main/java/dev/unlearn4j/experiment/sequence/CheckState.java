package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.method.generative.ContinuationScorer.Continuation;
import dev.unlearn4j.method.generative.F1Calibration;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a sequence run so far, saved after each one as {@code checkpoints/checks.json} so that
 * {@code unlearn run --resume} neither repeats them (the check before training alone takes minutes on the
 * {@code small} preset) nor loses the refinement flags each epoch trained with.
 *
 * @param rows one per check, epoch 0 first
 * @param flagged the passages flagged by each check, aligned with {@code rows}
 * @param first continuations of the check before training (the report's "before" samples)
 * @param firstPerPassage per passage of that check: MA, EL, BERTScore-F1, BLEU, entropy
 * @param firstSeconds how long that check took
 * @param calibration BERTScore-F1 of the before-continuations against their own and other passages' suffixes
 * @param last continuations of the latest check
 * @param lastPerPassage per passage of the latest check
 */
record CheckState(List<EpochCheck.Row> rows, List<List<String>> flagged, List<Continuation> first,
    Map<String, double[]> firstPerPassage, double firstSeconds, F1Calibration calibration, List<Continuation> last,
    Map<String, double[]> lastPerPassage) {
  static final String FILE = "checks.json";

  /** The saved state in a checkpoint directory, if any. */
  static Optional<CheckState> read(Path checkpointDir) {
    Path f = checkpointDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Mappers.JSON.readValue(f.toFile(), CheckState.class));
    } catch (IOException e) {
      throw new UnlearnException(f + ": unreadable check state (" + e.getMessage() + ")");
    }
  }

  /** Replaces the saved state atomically: a crash mid-write leaves the previous one in force. */
  void write(Path checkpointDir) {
    AtomicFiles.write(checkpointDir.resolve(FILE), out -> out.write(Mappers.JSON.writeValueAsBytes(this)));
  }
}
