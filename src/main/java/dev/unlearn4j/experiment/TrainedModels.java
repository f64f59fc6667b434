package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache of trained original models and oracles (config key {@code modelCache}), so later runs of the same
 * dataset, model, training schedule, forget request and seed skip training them. The key is a hash of exactly
 * those keys as resolved (defaults included); an entry holds the weights and the training time measured when it
 * was trained, which the run reports again as {@code original_s} / {@code oracle_s} (so {@code retrain_ratio}
 * still compares with a real retraining) and the native thread count it was trained on (an entry from another count
 * is used with a warning: its values differ in the last digits from this machine's own training). The weights are
 * written atomically, then the time: an entry without its time is incomplete and trained again. With
 * {@code modelCache} off every phase is simply trained and timed.
 */
final class TrainedModels {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);

  private final Path dir;                                            // null: caching off

  private TrainedModels(Path dir) {
    this.dir = dir;
  }

  /** The cache of {@code cfg} ({@code modelCache} empty: off). */
  static TrainedModels of(ExperimentConfig cfg) {
    String c = cfg.modelCache();
    if (c.isEmpty()) {
      return new TrainedModels(null);
    }
    Path root = c.equals("user") ? CacheDir.root().resolve("classifiers") : Path.of(c);
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
   * Loads {@code phase}'s cached weights into {@code model}, or trains it with {@code train} (and caches it).
   *
   * @return the training seconds: measured now, or stored with the cached entry
   */
  double trainOrLoad(String phase, Model model, Runnable train) {
    Path weights = dir == null ? null : dir.resolve(phase + ".safetensors");
    Path meta = dir == null ? null : dir.resolve(phase + ".json");
    try {
      if (dir != null && Files.isRegularFile(weights) && Files.isRegularFile(meta)) {
        RunEvaluator.assign(model, Safetensors.read(weights), weights);
        LOG.info("{} model from the cache {}", phase, dir);
        JsonNode stored = Mappers.JSON.readTree(meta.toFile());
        int threads = Provenance.Host.nativeThreads();
        if (stored.path("threads").asInt(-1) != threads) {        // entries written before the count was stored: -1
          LOG.warn("{} model from the cache {} was trained on {} native threads, this run has {}: its values can "
              + "differ in the last digits from a run that trains it here", phase, dir,
              stored.has("threads") ? stored.get("threads").asInt() : "an unrecorded number of", threads);
        }
        return stored.path("train_s").asDouble();
      }
      long t = System.nanoTime();
      train.run();
      double s = RunRecord.secondsSince(t);
      if (dir != null) {
        Files.createDirectories(dir);
        Safetensors.write(weights, model.weights(), null);
        AtomicFiles.writeString(meta, "{\"train_s\": " + s + ", \"threads\": " + Provenance.Host.nativeThreads()
            + "}\n");
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
