package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.ExperimentConfig;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache of trained original models and oracles (config key {@code modelCache}), so later runs of the same
 * dataset, model, training schedule, forget request and seed skip training them. The key is a hash of exactly
 * those keys as resolved (defaults included); an entry holds the weights and the training time measured when it
 * was trained, which the run reports again as {@code original_s} / {@code oracle_s} (so {@code retrain_ratio}
 * still compares with a real retraining). Entries are written to a temporary file and renamed.
 */
final class TrainedModels {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);

  private final Path dir;

  private TrainedModels(Path dir) {
    this.dir = dir;
  }

  /** The cache of {@code cfg}, or null when {@code modelCache} is empty (off). */
  static TrainedModels of(ExperimentConfig cfg) {
    String c = cfg.modelCache();
    if (c.isEmpty()) {
      return null;
    }
    Path root = c.equals("user") ? EmbeddedModels.cacheDir().resolve("classifiers") : Path.of(c);
    return new TrainedModels(root.resolve(key(cfg)));
  }

  /** First 16 hex digits of the SHA-256 of the resolved dataset, model, train and forget keys and the seed. */
  static String key(ExperimentConfig cfg) {
    ObjectNode n = Mappers.JSON.createObjectNode();
    n.set("dataset", Mappers.JSON.valueToTree(cfg.dataset()));
    n.set("model", Mappers.JSON.valueToTree(cfg.model()));
    n.set("train", Mappers.JSON.valueToTree(cfg.train()));
    n.set("forget", Mappers.JSON.valueToTree(cfg.forget()));
    n.put("seed", cfg.seed());
    return Sha256.of(n.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /**
   * Loads {@code phase}'s cached weights into {@code fresh}.
   *
   * @return the training time stored with them, or empty when the entry does not exist
   */
  OptionalDouble load(String phase, Model fresh) {
    Path weights = dir.resolve(phase + ".safetensors");
    Path meta = dir.resolve(phase + ".json");
    if (!Files.isRegularFile(weights) || !Files.isRegularFile(meta)) {
      return OptionalDouble.empty();
    }
    RunEvaluator.assign(fresh, Safetensors.read(weights), weights);
    try {
      LOG.info("{} model from the cache {}", phase, dir);
      return OptionalDouble.of(Mappers.JSON.readTree(meta.toFile()).path("train_s").asDouble());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains with {@code train} unless cached; returns the (measured or stored) training seconds. */
  double trainOrLoad(String phase, Model model, Supplier<Double> train) {
    OptionalDouble cached = load(phase, model);
    if (cached.isPresent()) {
      return cached.getAsDouble();
    }
    double s = train.get();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, phase, ".tmp");
      Safetensors.write(tmp, model.weights(), null);
      Files.move(tmp, dir.resolve(phase + ".safetensors"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.writeString(dir.resolve(phase + ".json"), "{\"train_s\": " + s + "}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }
}
