package dev.unlearn4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * Training checkpoints of a run: per phase, the trained arrays and the optimiser state after a step, as
 * {@code <phase>-step<N>.safetensors}, and {@code <phase>.json} naming the latest one (written after it, so a
 * crash mid-write leaves the previous checkpoint in force). A phase that finished is marked {@code done}: resuming
 * restores its final weights instead of training it again.
 */
public final class TrainingCheckpoints {
  /** Where a phase stood: the loop position to continue from. */
  public record Position(int step, int epoch, int batchInEpoch, boolean done) {}

  /** A restored checkpoint. */
  public record Saved(Position position, Map<String, INDArray> params, Map<String, INDArray> state) {}

  private final Path dir;
  private final int every;

  /**
   * @param dir checkpoint directory (created on first save)
   * @param every save every this many steps (0: only when a phase ends)
   */
  public TrainingCheckpoints(Path dir, int every) {
    this.dir = dir;
    this.every = every;
  }

  boolean due(int step) {
    return every > 0 && step % every == 0;
  }

  void save(String phase, Position pos, Map<String, INDArray> params, Map<String, INDArray> state) {
    Map<String, INDArray> all = new LinkedHashMap<>();
    params.forEach((k, v) -> all.put("param/" + k, v));
    state.forEach((k, v) -> all.put("state/" + k, v));
    String file = phase + "-step" + pos.step() + (pos.done() ? "-done" : "") + ".safetensors";
    Optional<JsonNode> previous = index(phase);
    Safetensors.write(dir.resolve(file), all, null);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file);
    json.put("position", pos);
    try {
      AtomicFiles.writeString(dir.resolve(phase + ".json"), Mappers.JSON.writeValueAsString(json) + "\n");
      if (previous.isPresent() && !previous.get().path("file").asText().equals(file)) {
        Files.deleteIfExists(dir.resolve(previous.get().path("file").asText()));
      }
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot write a checkpoint (" + e.getMessage() + ")");
    }
  }

  /** Removes every checkpoint (a finished run needs none; they are as large as the model and its optimiser state). */
  public void deleteAll() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
    } catch (IOException e) {
      LoggerFactory.getLogger(TrainingCheckpoints.class).warn("could not delete {}: {}", dir, e.getMessage());
    }
  }

  /** The latest checkpoint of a phase, if any. */
  public Optional<Saved> latest(String phase) {
    Optional<JsonNode> idx = index(phase);
    if (idx.isEmpty()) {
      return Optional.empty();
    }
    JsonNode p = idx.get().path("position");
    Position pos = new Position(p.path("step").asInt(), p.path("epoch").asInt(), p.path("batchInEpoch").asInt(),
        p.path("done").asBoolean());
    Map<String, INDArray> params = new LinkedHashMap<>();
    Map<String, INDArray> state = new LinkedHashMap<>();
    Safetensors.read(dir.resolve(idx.get().path("file").asText())).forEach((k, v) -> {
      if (k.startsWith("param/")) {
        params.put(k.substring(6), v);
      } else if (k.startsWith("state/")) {
        state.put(k.substring(6), v);
      }
    });
    return Optional.of(new Saved(pos, params, state));
  }

  private Optional<JsonNode> index(String phase) {
    Path f = dir.resolve(phase + ".json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Mappers.JSON.readTree(f.toFile()));
    } catch (IOException e) {
      throw new UnlearnException(f + ": unreadable checkpoint index (" + e.getMessage() + ")");
    }
  }
}
