package dev.unlearn4j.model.encoder;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.nn.Layers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One graph of a {@link BertClassifier}: the encoder, pooling and head in SameDiff, the three embedding tables as
 * {@link GatheredTable}s, and the feed that tokenises a batch and fills every placeholder.
 */
final class BertGraph implements ModelGraph {
  static final String SHAPE_BTD = "shape_btd";
  static final String POOL_WEIGHTS = "pool_weights";

  private final BertClassifier model;
  private final BertConfig c;
  private final SameDiff sd = SameDiff.create();
  private final DataType type;
  private final List<String> trainable = new ArrayList<>();
  private final List<GatheredTable> tables = new ArrayList<>();
  private final Map<String, SDVariable> dropoutSites;
  private final double dropout;
  private final Random rng;
  private final SDVariable latent;
  private final SDVariable logits;

  BertGraph(BertClassifier model, boolean training, long seed) {
    this.model = model;
    this.c = model.config();
    Map<String, INDArray> w = model.weights();
    this.type = w.get(BertWeights.WORD).dataType();
    this.dropout = training ? model.args().dropout() : 0.0;
    this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    Map<String, SDVariable> vars = new HashMap<>();
    for (Map.Entry<String, INDArray> e : w.entrySet()) {
      String name = e.getKey();
      boolean train = training && model.trainable(name);
      if (name.equals(BertWeights.WORD) || name.equals(BertWeights.POSITION)
          || name.equals(BertWeights.TOKEN_TYPE)) {
        String input = name.equals(BertWeights.WORD) ? BertEncoder.WORD_ROWS
            : name.equals(BertWeights.POSITION) ? BertEncoder.POSITION_ROWS : BertEncoder.TYPE_ROWS;
        tables.add(new GatheredTable(name, input, train ? e.getValue().dup() : e.getValue(), train));
      } else if (train) {
        vars.put(name, sd.var(name, e.getValue().dup()));
        trainable.add(name);
      } else {
        vars.put(name, sd.constant(name, e.getValue()));
      }
    }
    BertEncoder.Built enc = BertEncoder.build(sd, c, vars::get, dropout, type);
    this.dropoutSites = new HashMap<>(enc.dropoutSites());
    SDVariable h3 = sd.reshape(enc.hidden(), sd.placeHolder(SHAPE_BTD, DataType.INT64, 3));     // [B, T, D]
    SDVariable pooled = h3.mul(sd.placeHolder(POOL_WEIGHTS, type, -1, -1, 1)).sum(1);           // [B, D]
    SDVariable z = pooled;
    if (c.denseHead()) {                                                                        // [B, D]
      SDVariable d = pooled.mmul(vars.get(BertClassifier.DENSE_WEIGHT)).add(vars.get(BertClassifier.DENSE_BIAS));
      z = c.head().equals("tanh") ? sd.math.tanh(d) : sd.nn.relu(d, 0);
    }
    this.latent = sd.identity("latent", z);
    SDVariable head = z;
    if (dropout > 0) {
      SDVariable mask = sd.placeHolder(BertEncoder.DROPOUT + "head", type, -1, c.hidden());
      dropoutSites.put("head", mask);
      head = Layers.dropout(z, mask);
    }
    this.logits = head.mmul(vars.get(BertClassifier.HEAD_WEIGHT)).add("logits",
        vars.get(BertClassifier.HEAD_BIAS));                                                    // [B, C]
  }

  @Override
  public SameDiff sd() {
    return sd;
  }

  @Override
  public List<String> trainableVariables() {
    return trainable;
  }

  @Override
  public SDVariable logits() {
    return logits;
  }

  @Override
  public SDVariable latent() {
    return latent;
  }

  @Override
  public long latentSize() {
    return c.hidden();
  }

  @Override
  public List<GatheredTable> gatheredTables() {
    return tables;
  }

  /** The value of a weight after training (graph variable or gathered table), or null if it was frozen. */
  INDArray trainedValue(String name) {
    for (GatheredTable t : tables) {
      if (t.name().equals(name)) {
        return t.trainable() ? t.table() : null;
      }
    }
    return trainable.contains(name) ? sd.getArrForVarName(name) : null;
  }

  @Override
  public Map<String, INDArray> feed(List<Example> batch) {
    return feedTokens(model.tokenizer().encode(batch.stream().map(Example::text).toList()));
  }

  /** Fills every placeholder for an already tokenised batch. */
  Map<String, INDArray> feedTokens(TextTokenizer.Batch tok) {
    int b = tok.size();
    int t = tok.length();
    int n = b * t;
    int[] words = new int[n];
    int[] positions = new int[n];
    int[] types = new int[n];
    float[] bias = new float[n];
    float[] pool = new float[n];
    for (int i = 0; i < b; i++) {
      int count = 0;
      for (int j = 0; j < t; j++) {
        count += (int) tok.mask()[i][j];
      }
      for (int j = 0; j < t; j++) {
        int k = i * t + j;
        words[k] = (int) tok.ids()[i][j];
        // RoBERTa counts positions from padding_idx + 1 and gives padding padding_idx; BERT from 0
        positions[k] = c.positionOffset() == 0 || tok.mask()[i][j] == 1 ? j + c.positionOffset()
            : c.positionOffset() - 1;
        types[k] = (int) tok.typeIds()[i][j];
        bias[k] = tok.mask()[i][j] == 1 ? 0f : -10000f;
        pool[k] = model.args().pooling() == EncoderArgs.Pooling.CLS ? (j == 0 ? 1f : 0f)
            : tok.mask()[i][j] / (float) Math.max(1, count);
      }
    }
    Map<String, INDArray> f = new HashMap<>();
    for (GatheredTable table : tables) {
      int[] rows = table.input().equals(BertEncoder.WORD_ROWS) ? words
          : table.input().equals(BertEncoder.POSITION_ROWS) ? positions : types;
      f.put(table.input(), table.gather(rows));                                        // [N, D]
    }
    f.put(BertEncoder.ATTN_BIAS, Nd4j.create(bias, new long[] {b, 1, 1, t}, 'c').castTo(type));
    f.put(POOL_WEIGHTS, Nd4j.create(pool, new long[] {b, t, 1}, 'c').castTo(type));
    f.put(BertEncoder.SHAPE_BTHD, Nd4j.createFromArray((long) b, t, c.heads(), c.headSize()));
    f.put(BertEncoder.SHAPE_ND, Nd4j.createFromArray((long) n, c.hidden()));
    f.put(SHAPE_BTD, Nd4j.createFromArray((long) b, t, c.hidden()));
    for (Map.Entry<String, SDVariable> site : dropoutSites.entrySet()) {
      long[] shape = site.getKey().endsWith(".attn") ? new long[] {b, c.heads(), t, t}
          : site.getKey().equals("head") ? new long[] {b, c.hidden()} : new long[] {n, c.hidden()};
      f.put(site.getValue().name(), Layers.drawMask(Nd4j.createUninitialized(type, shape), dropout, rng));
    }
    return f;
  }
}
