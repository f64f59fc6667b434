package dev.unlearn4j.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Word-level {@code tokenizer.json} files for tiny test models: lower-cased, split on whitespace and punctuation,
 * id 0 {@code [PAD]}, id 1 {@code [UNK]}, then {@code word0}, {@code word1}, … up to the vocabulary size, so any
 * text of those words maps to ids below the model's vocabulary.
 */
public final class WordTokenizers {
  private WordTokenizers() {}

  /** Writes a tokenizer of {@code vocab} ids to {@code file}; returns the file. */
  public static Path write(Path file, int vocab) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode t = json.createObjectNode();
    t.put("version", "1.0");
    t.putNull("truncation");
    t.putNull("padding");
    t.putArray("added_tokens");
    t.putObject("normalizer").put("type", "Lowercase");
    t.putObject("pre_tokenizer").put("type", "Whitespace");
    t.putNull("post_processor");
    t.putNull("decoder");
    ObjectNode model = t.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode v = model.putObject("vocab");
    v.put("[PAD]", 0);
    v.put("[UNK]", 1);
    for (int i = 2; i < vocab; i++) {
      v.put("word" + (i - 2), i);
    }
    model.put("unk_token", "[UNK]");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, t.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
