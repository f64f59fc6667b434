package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.TextTokenizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny random BERT classifiers for gradient checks and fast tests. */
final class TinyEncoders {
  private TinyEncoders() {}

  static final BertConfig CONFIG = new BertConfig(30, 8, 2, 2, 12, 16, 2, 1e-12);

  /** Random encoder and head; weights are scaled up from BERT's σ 0.02 so gradients are not vanishingly small. */
  static BertClassifier classifier(DataType type, EncoderArgs.Pooling pooling, double dropout, long seed) {
    Map<String, INDArray> w = new LinkedHashMap<>();
    BertWeights.random(CONFIG, seed, type).forEach((k, v) ->
        w.put(k, k.contains("LayerNorm") ? v : v.mul(15.0)));
    EncoderArgs args = new EncoderArgs("tiny", null, 16, pooling, dropout, 0, false);
    BertClassifier m = BertClassifier.withNewHead(CONFIG, args, null, w, 3, seed + 1, null);
    m.weights().get(BertClassifier.HEAD_WEIGHT).muli(20.0);
    return m;
  }

  /** A padded batch of random ids: rows of lengths 5, 3 and 4 in a T = 5 batch. */
  static TextTokenizer.Batch batch(long seed) {
    Random r = new Random(seed);
    int[] lengths = {5, 3, 4};
    long[][] ids = new long[3][5];
    long[][] types = new long[3][5];
    long[][] mask = new long[3][5];
    for (int b = 0; b < 3; b++) {
      for (int t = 0; t < lengths[b]; t++) {
        ids[b][t] = 1 + r.nextInt(CONFIG.vocabSize() - 1);
        types[b][t] = t >= 2 ? 1 : 0;
        mask[b][t] = 1;
      }
    }
    return new TextTokenizer.Batch(ids, types, mask);
  }

  static INDArray oneHot(DataType type, int... labels) {
    INDArray y = Nd4j.zeros(type, labels.length, 3);
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i], 1.0);
    }
    return y;
  }
}
