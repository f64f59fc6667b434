package dev.unlearn4j.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's tokenizers (Rust, offline), with an explicit maximum length:
 * texts are truncated to it and a batch is padded only to its longest member (the MiniLM file itself pads every
 * input to 128).
 */
public final class TextTokenizer implements AutoCloseable {
  static {
    System.setProperty("ai.djl.offline", "true");   // never reach for a model hub
  }

  /** One tokenised batch, padded to its longest sequence T with id 0 and mask 0. */
  public record Batch(long[][] ids, long[][] typeIds, long[][] mask) {
    public int size() {
      return ids.length;
    }

    public int length() {
      return ids.length == 0 ? 0 : ids[0].length;
    }
  }

  private final HuggingFaceTokenizer tokenizer;
  private final Path file;
  private final int maxLength;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, Path file, int maxLength) {
    this.tokenizer = tokenizer;
    this.file = file;
    this.maxLength = maxLength;
  }

  public static TextTokenizer load(Path file, int maxLength) {
    return load(file, maxLength, true);
  }

  /** A tokenizer that never truncates: whole documents for language-model corpora. */
  public static TextTokenizer untruncated(Path file) {
    return load(file, Integer.MAX_VALUE, false);
  }

  private static TextTokenizer load(Path file, int maxLength, boolean truncate) {
    if (!Files.isRegularFile(file)) {
      throw new UnlearnException(file + ": tokenizer file not found");
    }
    try {
      var b = HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(truncate).optPadding(false)
          .optAddSpecialTokens(true);
      HuggingFaceTokenizer t = (truncate ? b.optMaxLength(maxLength) : b).build();
      return new TextTokenizer(t, file, maxLength);
    } catch (IOException | RuntimeException e) {
      throw new UnlearnException(file + ": not a readable tokenizer.json (" + e.getMessage() + ")");
    }
  }

  public Path file() {
    return file;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Ids of one text, special tokens included, truncated to the maximum length. */
  public long[] ids(String text) {
    return tokenizer.encode(text).getIds();
  }

  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  /** {@link #decode(long[])} for the int ids the causal models use. */
  public String decode(int[] ids) {
    return decode(Arrays.stream(ids).asLongStream().toArray());
  }

  public Batch encode(List<String> texts) {
    Encoding[] enc = tokenizer.batchEncode(texts, true, false);
    int t = 1;
    for (Encoding e : enc) {
      t = Math.max(t, e.getIds().length);
    }
    long[][] ids = new long[enc.length][t];
    long[][] types = new long[enc.length][t];
    long[][] mask = new long[enc.length][t];
    for (int b = 0; b < enc.length; b++) {
      long[] src = enc[b].getIds();
      System.arraycopy(src, 0, ids[b], 0, src.length);
      System.arraycopy(enc[b].getTypeIds(), 0, types[b], 0, src.length);
      System.arraycopy(enc[b].getAttentionMask(), 0, mask[b], 0, src.length);
    }
    return new Batch(ids, types, mask);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
