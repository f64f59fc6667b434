package dev.unlearn4j.experiment.sequence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.pretrain.PassageFiles;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.pretrain.PretrainPreset;
import dev.unlearn4j.pretrain.Pretrainer;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original model of a sequence experiment: a given checkpoint, or one pretrained with planted passages and
 * kept in a cache directory named by a hash of its settings. A pretraining run writes to a {@code .partial} sibling
 * and is renamed into place when complete, so an interrupted one is never mistaken for a cached model; the next run
 * resumes it from its last checkpoint.
 */
final class OriginalModels {
  private static final Logger LOG = LoggerFactory.getLogger(OriginalModels.class);

  private OriginalModels() {}

  /** A checkpoint directory ({@code model/}) and its passages. */
  record Original(Path checkpoint, List<PassagePool.Passage> passages, String key) {}

  /** The original of a sequence experiment, with the passages of its {@code passages} files when it names them. */
  static Original obtain(SequenceConfig cfg, List<TrainingListener> listeners) {
    PassagesSpec p = cfg.passages();
    if (!p.given()) {
      return obtain(cfg.original(), listeners);
    }
    Path dir = Path.of(cfg.original().checkpoint());
    int vocab = CausalCheckpoint.config(dir).vocabSize();
    return new Original(dir, ExtractionPassages.read(p, dir.resolve("tokenizer.json"), vocab, cfg.forgetSet(),
        cfg.eval().unseenPassages(), cfg.seed()), "checkpoint:" + dir);
  }

  static Original obtain(OriginalSpec s, List<TrainingListener> listeners) {
    if (!s.checkpoint().isEmpty()) {
      Path dir = Path.of(s.checkpoint());
      Path passages = dir.resolve("passages.jsonl");
      if (!Files.isRegularFile(passages)) {
        passages = dir.toAbsolutePath().getParent().resolve("passages.jsonl");
      }
      if (!Files.isRegularFile(passages)) {
        throw new UnlearnException(s.checkpoint() + ": no passages.jsonl in the checkpoint or beside it");
      }
      return new Original(dir, PassageFiles.read(passages), "checkpoint:" + s.checkpoint());
    }
    String key = key(s);
    Path dir = cacheRoot(s).resolve(s.preset() + "-" + key);
    if (!Files.isRegularFile(dir.resolve("pretrain.json"))) {
      pretrain(s, dir, listeners);
    } else {
      LOG.info("original model {} from the cache", dir);
    }
    return new Original(dir.resolve("model"), PassageFiles.read(dir.resolve("passages.jsonl")), key);
  }

  /** The cache directory of original models (and, under {@code prepared/}, of what runs on them share). */
  static Path cacheRoot(OriginalSpec s) {
    return s.cache().isEmpty() ? CacheDir.root().resolve("originals") : Path.of(s.cache());
  }

  /** Checkpoint interval of an original's pretraining: an interrupted one resumes from at most this many steps back. */
  static final int CHECKPOINT_EVERY = 100;

  /**
   * Pretrains into {@code <dir>.partial} (checkpointed, so a later run resumes an interrupted one there) and renames
   * it into place when complete. A lock file keeps two processes from training the same original at once;
   * synchronized because runs of one JVM (a grid's tasks) cannot share a file lock: the second waits here, then
   * finds the model finished.
   */
  private static synchronized void pretrain(OriginalSpec s, Path dir, List<TrainingListener> listeners) {
    PretrainPreset p = resolved(s);
    if (s.length() > p.context()) {
      throw new UnlearnException("original.length " + s.length() + " exceeds the " + s.preset() + " context of "
          + p.context() + " tokens");
    }
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    try {
      Files.createDirectories(dir.getParent());
      try (FileChannel ch = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = ch.tryLock()) {
        if (lock == null) {
          throw new UnlearnException(dir + ": another process is pretraining this original model; wait for it");
        }
        if (Files.isRegularFile(dir.resolve("pretrain.json"))) {
          return;                                                    // finished by the process that held the lock
        }
        LOG.info("pretraining the original model ({} preset, {} planted passages) into {}{}", s.preset(),
            s.planting().total(), partial, Files.isDirectory(partial) ? ", resuming" : "");
        Pretrainer.Result r = Pretrainer.run(p, s.planting(), partial, s.seed(), listeners, CHECKPOINT_EVERY);
        Pretrainer.writeReport(partial, p, s.planting(), s.seed(), r);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * First 16 hex digits of the SHA-256 of what determines the model: the resolved preset (so a changed preset
   * definition is a new cache entry), the planting and the seed; the cache location is excluded.
   */
  static String key(OriginalSpec s) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("preset", resolved(s));
    k.put("planting", s.planting());
    k.put("seed", s.seed());
    try {
      return Sha256.of(Mappers.JSON.writeValueAsString(k).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PretrainPreset resolved(OriginalSpec s) {
    PretrainPreset p = PretrainPreset.named(s.preset());
    if (s.steps() > 0) {
      p = p.withSteps(s.steps());
    }
    if (s.addresses() > 0) {
      p = p.withAddresses(s.addresses());
    }
    if (s.window() > 0) {
      p = p.withWindow(s.window());
    }
    return p;
  }
}
