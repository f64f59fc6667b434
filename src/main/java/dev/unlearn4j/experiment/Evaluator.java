package dev.unlearn4j.experiment;

import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.data.Batcher;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.Metric;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.Predictions;
import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs the model once per split and computes every requested metric from the shared predictions. */
public final class Evaluator {
  private Evaluator() {}

  public static EvalResult evaluate(Model model, List<Split> splits, EvalSpec spec) {
    List<String> names = spec.metrics().stream().filter(Metrics::perSplit).toList();
    List<Metric> metrics = names.stream().map(Metrics::get).toList();
    Map<String, Predictions> predictions = new LinkedHashMap<>();
    Function<Split, Predictions> predictor = predictor(model, spec.batchSize());
    Map<String, Double> aggregates = new LinkedHashMap<>();
    List<EvalResult.Row> rows = new ArrayList<>();
    for (Split split : splits) {
      Predictions p = predictor.apply(split);
      predictions.put(split.name(), p);
      for (int m = 0; m < metrics.size(); m++) {
        String name = names.get(m);
        MetricResult r = metrics.get(m).compute(p, spec);
        aggregates.put(split.name() + "." + name, r.aggregate());
        r.parts().forEach((part, v) -> aggregates.put(split.name() + "." + name + "." + part, v));
        r.perExample().forEach((id, v) -> rows.add(new EvalResult.Row(split.name(), id, name, v)));
      }
    }
    return new EvalResult(aggregates, rows, predictions);
  }

  /**
   * The model's predictions of a split, its graphs built once for all splits: one evaluation graph, or for an
   * ensemble one per member, whose scores are then combined example by example.
   */
  private static Function<Split, Predictions> predictor(Model model, int batchSize) {
    if (!(model instanceof Ensemble e)) {
      ModelGraph g = model.graph();
      return split -> predict(g, split, model.numClasses(), batchSize);
    }
    List<ModelGraph> graphs = e.members().stream().map(Model::graph).toList();
    return split -> {
      List<Predictions> each = graphs.stream().map(g -> predict(g, split, e.numClasses(), batchSize)).toList();
      double[][] logits = new double[split.size()][];
      for (int i = 0; i < logits.length; i++) {
        double[][] memberLogits = new double[each.size()][];
        for (int s = 0; s < memberLogits.length; s++) {
          memberLogits[s] = each.get(s).logits()[i];
        }
        logits[i] = e.combine(memberLogits);
      }
      return new Predictions(split.ids(), each.get(0).labels(), logits, e.numClasses());
    };
  }

  /** Logits of every example of the split, in split order. */
  public static Predictions predict(ModelGraph g, Split split, int numClasses, int batchSize) {
    int n = split.size();
    double[][] logits = new double[n][];
    int[] labels = new int[n];
    int i = 0;
    for (List<Example> batch : Batcher.inOrder(split.examples(), batchSize)) {
      INDArray out = g.sd().output(g.feed(batch), g.logits().name()).get(g.logits().name());   // [B, C]
      for (int b = 0; b < batch.size(); b++, i++) {
        logits[i] = out.getRow(b).toDoubleVector();
        labels[i] = batch.get(b).label();
      }
    }
    return new Predictions(split.ids(), labels, logits, numClasses);
  }
}
