package dev.unlearn4j.spark;

import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.causal.CausalLm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * The scan's task: scores whole batches of records (grouped by {@code index / batch}, sorted by index) and emits
 * one row per record: index, id, then the metrics. Each task thread loads the checkpoint once ({@link PerThread}).
 */
final class ScoreBatches implements FlatMapFunction<Tuple2<Long, Iterable<Tuple2<Row, Long>>>, Row> {
  private static final long serialVersionUID = 1L;

  private record Loaded(CausalLm lm, TextTokenizer tok) {}

  private static final PerThread<Loaded> LOADED = new PerThread<>(dir -> {
    Path d = Path.of(dir);
    return new Loaded(CausalCheckpoint.load(d), TextTokenizer.untruncated(d.resolve("tokenizer.json")));
  });

  private final String modelDir;
  private final String file;
  private final String column;
  private final int length;
  private final List<String> metrics;
  private final int elN;

  ScoreBatches(String modelDir, String file, String column, int length, List<String> metrics, int elN) {
    this.modelDir = modelDir;
    this.file = file;
    this.column = column;
    this.length = length;
    this.metrics = List.copyOf(metrics);
    this.elN = elN;
  }

  @Override
  public Iterator<Row> call(Tuple2<Long, Iterable<Tuple2<Row, Long>>> group) {
    Loaded l = LOADED.get(modelDir);
    List<PassageScores.Passage> batch = new ArrayList<>();
    for (Tuple2<Row, Long> r : group._2()) {
      batch.add(ScanRecords.passage(r._2(), r._1().getString(0), r._1().getString(1), column, length,
          l.lm().config().vocabSize(), l.tok(), file));
    }
    batch.sort((a, b) -> Long.compare(a.index(), b.index()));
    List<Row> out = new ArrayList<>();
    for (PassageScores.Scored s : PassageScores.score(l.lm(), l.tok(), batch, metrics, elN)) {
      Object[] v = new Object[2 + metrics.size()];
      v[0] = s.index();
      v[1] = s.id();
      for (int i = 0; i < metrics.size(); i++) {
        v[2 + i] = s.values().get(metrics.get(i));
      }
      out.add(RowFactory.create(v));
    }
    return out.iterator();
  }
}
