package dev.unlearn4j.spark;

import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.util.UnlearnException;
import java.util.Arrays;
import java.util.Collection;

/**
 * The records a scan reads: a CSV with a header naming an {@code id} column and, for a causal model, either
 * {@code tokens} (the model's token ids, space-separated) or {@code text} (tokenised with the checkpoint's
 * tokenizer); for a classifier, {@code text} and {@code label}. Every record is cut to its
 * first {@code length} tokens; a shorter one is refused with its id, since MA and EL compare passages of one length.
 */
public final class ScanRecords {
  private ScanRecords() {}

  public static final String ID = "id";
  public static final String TOKENS = "tokens";
  public static final String TEXT = "text";
  public static final String LABEL = "label";

  /** A classifier's records need {@code id}, {@code text} and {@code label} (a name or index); fails naming the file. */
  public static String classifierColumns(Collection<String> header, String file) {
    for (String c : new String[] {ID, TEXT, LABEL}) {
      if (!header.contains(c)) {
        throw new UnlearnException(file + ": no '" + c + "' column, which a classifier's scan needs (header: "
            + header + ")");
      }
    }
    return TEXT;
  }

  /** The column holding each record's content ({@code tokens} before {@code text}); fails naming the file. */
  public static String contentColumn(Collection<String> header, String file) {
    if (!header.contains(ID)) {
      throw new UnlearnException(file + ": no '" + ID + "' column (header: " + header + ")");
    }
    if (header.contains(TOKENS)) {
      return TOKENS;
    }
    if (header.contains(TEXT)) {
      return TEXT;
    }
    throw new UnlearnException(file + ": neither a '" + TOKENS + "' nor a '" + TEXT + "' column (header: " + header
        + ")");
  }

  /** One record as a passage of exactly {@code length} tokens. */
  public static PassageScores.Passage passage(long index, String id, String content, String column, int length,
      int vocab, TextTokenizer tok, String file) {
    if (id == null || id.isBlank()) {
      throw new UnlearnException(file + ": record " + (index + 1) + " has no id");
    }
    int[] ids;
    if (column.equals(TOKENS)) {
      try {
        ids = content == null || content.isBlank() ? new int[0]
            : Arrays.stream(content.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new UnlearnException(file + ": record '" + id + "': tokens are not integers (" + e.getMessage() + ")");
      }
      for (int v : ids) {
        if (v < 0 || v >= vocab) {
          throw new UnlearnException(file + ": record '" + id + "': token " + v + " outside the model's vocabulary "
              + "of " + vocab);
        }
      }
    } else {
      ids = Arrays.stream(tok.ids(content == null ? "" : content)).mapToInt(Math::toIntExact).toArray();
    }
    if (ids.length < length) {
      throw new UnlearnException(file + ": record '" + id + "' has " + ids.length + " tokens, fewer than --length "
          + length);
    }
    return new PassageScores.Passage(index, id, Arrays.copyOf(ids, length));
  }
}
