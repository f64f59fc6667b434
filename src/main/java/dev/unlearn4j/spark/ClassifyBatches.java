package dev.unlearn4j.spark;

import dev.unlearn4j.model.encoder.EncoderPredictor;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * The scan's task for a classifier: one row per record of a batch — index, id, the predicted label, then
 * {@link #METRICS}: the cross-entropy of the record's own label ({@code loss}), whether the prediction is that label
 * ({@code correct}, 1 or 0) and the LOSS membership score ({@code membership} = −loss: higher means more likely a
 * training record). Each task thread opens the checkpoint once ({@link PerThread}).
 */
final class ClassifyBatches implements FlatMapFunction<Tuple2<Long, Iterable<Tuple2<Row, Long>>>, Row> {
  private static final long serialVersionUID = 1L;

  static final List<String> METRICS = List.of("loss", "correct", "membership");

  private static final PerThread<EncoderPredictor> PREDICTORS = new PerThread<>(ClassifyBatches::open);

  private final String modelDir;
  private final String file;

  ClassifyBatches(String modelDir, String file) {
    this.modelDir = modelDir;
    this.file = file;
  }

  /** The checkpoint's classifier; fails naming the directory when it has no trained head or no label names. */
  static EncoderPredictor open(String dir) {
    EncoderPredictor p = EncoderPredictor.open(Path.of(dir));
    if (!p.hasHead() || p.labels() == null) {
      throw new UnlearnException(dir + ": not a classifier with named labels (scan needs its head and labels)");
    }
    return p;
  }

  @Override
  public Iterator<Row> call(Tuple2<Long, Iterable<Tuple2<Row, Long>>> group) {
    EncoderPredictor p = PREDICTORS.get(modelDir);
    List<Tuple2<Row, Long>> rows = new ArrayList<>();
    group._2().forEach(rows::add);
    rows.sort((a, b) -> Long.compare(a._2(), b._2()));
    List<String> texts = rows.stream().map(r -> r._1().getString(1) == null ? "" : r._1().getString(1)).toList();
    List<EncoderPredictor.Prediction> preds = p.predict(texts, false);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String id = rows.get(i)._1().getString(0);
      int label = label(rows.get(i)._1().getString(2), p.labels(), id);
      double[] probs = preds.get(i).probabilities();
      double loss = -Math.log(Math.max(probs[label], Double.MIN_VALUE));
      out.add(RowFactory.create(rows.get(i)._2(), id, p.labels().get(preds.get(i).label()), loss,
          preds.get(i).label() == label ? 1.0 : 0.0, -loss));
    }
    return out.iterator();
  }

  /** A record's label: one of the model's label names, or its index. */
  private int label(String value, List<String> labels, String id) {
    int i = value == null ? -1 : labels.indexOf(value.trim());
    if (i < 0 && value != null && value.trim().matches("\\d+") && Integer.parseInt(value.trim()) < labels.size()) {
      i = Integer.parseInt(value.trim());
    }
    if (i < 0) {
      throw new UnlearnException(file + ": record '" + id + "': label '" + value + "' is none of the model's "
          + labels);
    }
    return i;
  }
}
