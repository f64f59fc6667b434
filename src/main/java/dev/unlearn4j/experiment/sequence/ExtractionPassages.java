package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.data.io.NpyTokens;
import dev.unlearn4j.data.io.TableRows;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The passages of a run from the extraction benchmark's files ({@link PassagesSpec}): forget rows in ascending
 * {@code doc_id} order (as ICU's data preparation takes them), every other pool row as an analogue candidate, and
 * the unseen sequences — in the form {@link PassageSets} reads from a {@code passages.jsonl}. Every token id is
 * checked against the model's vocabulary.
 */
final class ExtractionPassages {
  private ExtractionPassages() {}

  /**
   * @param tokenizer the checkpoint's {@code tokenizer.json} (for forget texts)
   * @param vocab the model's vocabulary size
   * @param set the forget set index the passages are filed under ({@code forgetSet})
   * @param unseenSample pool rows taken as unseen passages when no unseen file is given
   */
  static List<PassagePool.Passage> read(PassagesSpec spec, Path tokenizer, int vocab, int set, int unseenSample,
      long seed) {
    Path poolFile = Path.of(spec.pool());
    int[][] pool = checked(NpyTokens.read(poolFile), vocab, poolFile);
    int width = pool[0].length;
    List<PassagePool.Passage> out = new ArrayList<>();
    TreeSet<Integer> forgetRows = new TreeSet<>();
    Path forgetFile = Path.of(spec.forget());
    List<TableRows.Row> rows = TableRows.read(forgetFile);
    if (rows.isEmpty()) {
      throw new UnlearnException(forgetFile + ": no rows to forget");
    }
    if (rows.get(0).fields().containsKey("doc_id")) {
      for (TableRows.Row r : rows) {
        int doc = docId(r, forgetFile, pool.length, poolFile);
        if (!forgetRows.add(doc)) {
          throw new UnlearnException(forgetFile + " line " + r.line() + ": doc_id " + doc + " is listed twice");
        }
      }
      forgetRows.forEach(d -> out.add(new PassagePool.Passage("doc" + d, "forget", set, d, pool[d])));
    } else {
      out.addAll(texts(rows, forgetFile, tokenizer, width, vocab, set));
    }
    List<Integer> others = new ArrayList<>();
    for (int r = 0; r < pool.length; r++) {
      if (!forgetRows.contains(r)) {
        others.add(r);
      }
    }
    List<PassagePool.Passage> unseen = new ArrayList<>();
    if (spec.unseen().isEmpty()) {
      Collections.shuffle(others, Seeds.random(seed, "passages.unseen"));
      int n = Math.min(unseenSample, others.size() / 2);
      others.subList(0, n).forEach(r -> unseen.add(new PassagePool.Passage("doc" + r, "unseen", -1, r, pool[r])));
      others = new ArrayList<>(new TreeSet<>(others.subList(n, others.size())));
    } else {
      Path unseenFile = Path.of(spec.unseen());
      int[][] u = checked(NpyTokens.read(unseenFile), vocab, unseenFile);
      if (u[0].length != width) {
        throw new UnlearnException(unseenFile + ": rows of " + u[0].length + " tokens; the pool's have " + width);
      }
      for (int r = 0; r < u.length; r++) {
        unseen.add(new PassagePool.Passage("u" + r, "unseen", -1, r, u[r]));
      }
    }
    others.forEach(r -> out.add(new PassagePool.Passage("doc" + r, "candidate", -1, r, pool[r])));
    out.addAll(unseen);
    return out;
  }

  private static int docId(TableRows.Row r, Path file, int rows, Path poolFile) {
    String v = r.fields().get("doc_id");
    int doc;
    try {
      doc = Integer.parseInt(v == null ? "" : v.trim());
    } catch (NumberFormatException e) {
      throw new UnlearnException(file + " line " + r.line() + ": doc_id '" + v + "' is not a row number");
    }
    if (doc < 0 || doc >= rows) {
      throw new UnlearnException(file + " line " + r.line() + ": doc_id " + doc + " is outside the pool's " + rows
          + " rows (" + poolFile + ")");
    }
    return doc;
  }

  /** Forget passages given as text: each tokenised with the model's tokenizer and cut to the pool's width. */
  private static List<PassagePool.Passage> texts(List<TableRows.Row> rows, Path file, Path tokenizer, int width,
      int vocab, int set) {
    List<PassagePool.Passage> out = new ArrayList<>();
    try (TextTokenizer tok = TextTokenizer.untruncated(tokenizer)) {
      for (TableRows.Row r : rows) {
        String text = r.fields().get("text");
        if (text == null) {
          throw new UnlearnException(file + " line " + r.line() + ": no 'doc_id' or 'text'; columns: "
              + r.fields().keySet());
        }
        long[] ids = tok.ids(text);
        if (ids.length < width) {
          throw new UnlearnException(file + " line " + r.line() + ": the text has " + ids.length
              + " tokens; passages need " + width + " (the pool's width)");
        }
        int[] tokens = Arrays.stream(ids, 0, width).mapToInt(Math::toIntExact).toArray();
        out.add(new PassagePool.Passage("text" + r.line(), "forget", set, 0, checked(new int[][] {tokens}, vocab,
            file)[0]));
      }
    }
    return out;
  }

  private static int[][] checked(int[][] ids, int vocab, Path file) {
    if (ids.length == 0 || ids[0].length == 0) {
      throw new UnlearnException(file + ": no passages");
    }
    for (int r = 0; r < ids.length; r++) {
      for (int c = 0; c < ids[r].length; c++) {
        if (ids[r][c] >= vocab) {
          throw new UnlearnException(file + ": row " + r + ", column " + c + ": token id " + ids[r][c]
              + " is not in the model's vocabulary of " + vocab);
        }
      }
    }
    return ids;
  }
}
