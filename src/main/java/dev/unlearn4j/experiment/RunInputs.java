package dev.unlearn4j.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every input of a run, by path: the dataset's files, and every file or directory named by a
 * dataset or model argument or by {@code forget.idsFile} (an ONNX export, a tokenizer, a checkpoint directory's
 * files), plus the loaded dataset's fingerprint. Written as {@code inputs.json} when the run starts, before any
 * training, so that a resume can refuse inputs that changed after the kill (training would mix old and new data).
 * Files in the cache are keyed {@code $UNLEARN4J_CACHE/...}, so committed runs name no machine's home directory.
 */
public final class RunInputs {
  public static final String FILE = "inputs.json";
  private static final String CACHE_PREFIX = "$UNLEARN4J_CACHE/";

  private RunInputs() {}

  public static Map<String, String> collect(Experiment exp, Dataset data) {
    Map<String, String> inputs = new TreeMap<>(data.inputFiles());
    inputs.put("dataset:" + data.name(), data.fingerprint());
    JsonNode r = exp.resolved();
    Stream.of(r.path("dataset").path("args"), r.path("model").path("args"), r.path("forget").path("idsFile"))
        .forEach(n -> addPaths(n, inputs));
    return inputs;
  }

  /** The SHA-256 of every file named by {@code values}: files, directories' files, embedded model names. */
  public static Map<String, String> ofValues(String... values) {
    Map<String, String> inputs = new TreeMap<>();
    for (String v : values) {
      addPaths(Mappers.JSON.getNodeFactory().textNode(v), inputs);
    }
    return inputs;
  }

  /** Records {@code inputs} in a new run, or, resuming, fails unless they are those recorded. */
  public static void recordOrCheck(RunDirectory run, Map<String, String> inputs, boolean resume) {
    if (resume) {
      requireUnchanged(run, inputs);
    } else {
      run.writeJson(FILE, inputs);
    }
  }

  /** The inputs recorded when {@code run} started; empty for a run started before they were recorded. */
  public static Map<String, String> read(RunDirectory run) {
    Path file = run.file(FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return Mappers.JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {});
    } catch (IOException e) {
      throw new UnlearnException(file + ": unreadable (" + e.getMessage() + ")");
    }
  }

  /** The key of file {@code f}: its path as given, or relative to the cache root when it lies in the cache. */
  public static String key(Path f) {
    Path abs = f.toAbsolutePath().normalize();
    Path cache = CacheDir.root().toAbsolutePath().normalize();
    return abs.startsWith(cache) ? CACHE_PREFIX + cache.relativize(abs) : f.toString();
  }

  /** Fails naming the first input whose hash differs from {@code inputs.json} in {@code run}, or that is gone. */
  public static void requireUnchanged(RunDirectory run, Map<String, String> now) {
    for (var e : read(run).entrySet()) {
      String current = now.get(recordedKey(e.getKey()));
      if (!e.getValue().equals(current)) {
        throw new UnlearnException("cannot resume " + run.path() + ": input " + e.getKey() + (current == null
            ? " is gone" : " changed since the run started (SHA-256 " + e.getValue().substring(0, 12) + "…, now "
            + current.substring(0, 12) + "…)") + "; restore it or start a new run");
      }
    }
  }

  /** Runs recorded before cache keys existed named cache files by their absolute path. */
  private static String recordedKey(String k) {
    try {
      return k.startsWith("/") ? key(Path.of(k)) : k;
    } catch (InvalidPathException e) {
      return k;
    }
  }

  private static void addPaths(JsonNode n, Map<String, String> inputs) {
    if (n.isContainerNode()) {
      n.forEach(c -> addPaths(c, inputs));
      return;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      return;
    }
    if (EmbeddedModels.isEmbedded(n.asText())) {                       // extracted from a jar into the cache
      EmbeddedModels.EncoderFiles f = EmbeddedModels.resolve(n.asText());
      for (Path file : List.of(f.onnx(), f.tokenizer())) {
        inputs.computeIfAbsent(n.asText() + "/" + file.getFileName(), k -> Sha256.of(file));
      }
      return;
    }
    Path p;
    try {
      p = Path.of(n.asText());
    } catch (InvalidPathException e) {
      return;                                                        // a value that is no path
    }
    for (Path f : filesOf(p)) {
      inputs.computeIfAbsent(key(f), k -> Sha256.of(f));
    }
  }

  /** A regular file itself, the regular files directly inside a directory (a checkpoint), or nothing. */
  private static List<Path> filesOf(Path p) {
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UnlearnException(p + ": cannot list (" + e.getMessage() + ")");
    }
  }
}
