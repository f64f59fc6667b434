package dev.unlearn4j.model.causal;

import dev.unlearn4j.util.NativeMemory;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder of {@link GptDecoder} evaluated eagerly with ND4J ops and a key/value cache, for generation: each
 * call processes only the new tokens of every row and attends to the cached keys and values of the earlier ones,
 * so a continuation of n tokens costs n small forward passes instead of n passes over the growing sequence. Same
 * arithmetic as the graph (pre-LN blocks, unscaled GPT-Neo or scaled GPT-2 attention, local windows, tied head);
 * the tests hold the two to 1e-4.
 */
public final class CachedDecoder {
  private final GptConfig c;
  private final Map<String, INDArray> w;

  public CachedDecoder(CausalLm lm) {
    this.c = lm.config();
    this.w = lm.weights();
  }

  /**
   * Keys and values of every layer for B rows that all hold {@code length} tokens, in arrays allocated once for
   * {@code capacity} positions: a new token is written into its slot and attention reads a view of the filled
   * ones, instead of concatenating the cache (ND4J's concat along the position axis cost ≈ 2 ms per layer and call
   * at 32 rows — most of a decoding step).
   */
  public static final class Cache {
    private final INDArray[] keys;                                                 // per layer [B, H, capacity, dh]
    private final INDArray[] values;
    private final int capacity;
    private int length;

    private Cache(int layers, int capacity) {
      keys = new INDArray[layers];
      values = new INDArray[layers];
      this.capacity = capacity;
    }

    public int length() {
      return length;
    }

    /** A cache whose row i is this cache's row {@code rows[i]} (beam search reorders beams this way). */
    public Cache select(int[] rows) {
      Cache out = new Cache(keys.length, capacity);
      out.length = length;
      for (int l = 0; l < keys.length; l++) {
        out.keys[l] = pick(keys[l], rows);
        out.values[l] = pick(values[l], rows);
      }
      return out;
    }

    private static INDArray pick(INDArray a, int[] rows) {
      long[] shape = a.shape();
      INDArray flat = a.reshape('c', shape[0], a.length() / shape[0]);                   // [B, H·cap·dh]
      return Nd4j.pullRows(flat, 1, rows).reshape('c', rows.length, shape[1], shape[2], shape[3]);
    }
  }

  /** An empty cache for up to the model's positions. */
  public Cache empty() {
    return empty(c.maxPositions());
  }

  /** An empty cache for sequences of at most {@code capacity} tokens, allocated by the first append. */
  public Cache empty(int capacity) {
    if (capacity < 1 || capacity > c.maxPositions()) {
      throw new IllegalArgumentException("cache capacity " + capacity + " outside 1.." + c.maxPositions());
    }
    return new Cache(c.layers(), capacity);
  }

  /**
   * Appends S new tokens to every row.
   *
   * @param ids [B][S] new tokens, at positions cache.length() … cache.length() + S − 1
   * @return logits of each row's last new token [B, V]
   */
  public INDArray append(Cache cache, int[][] ids) {
    int b = ids.length;
    int s = ids[0].length;
    int p0 = cache.length;
    int cap = cache.capacity;
    if (p0 + s > cap) {
      throw new IllegalArgumentException("sequence of " + (p0 + s) + " tokens exceeds the cache's " + cap
          + " positions");
    }
    NativeMemory.tick();                        // each call leaves the layers' intermediates to the collector
    int[] tok = new int[b * s];
    int[] pos = new int[b * s];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < s; j++) {
        tok[i * s + j] = ids[i][j];
        pos[i * s + j] = p0 + j;
      }
    }
    INDArray x = Nd4j.pullRows(w.get(GptWeights.WTE), 1, tok).addi(Nd4j.pullRows(w.get(GptWeights.WPE), 1, pos));
    int h = c.heads();
    int dh = c.headSize();
    for (int l = 0; l < c.layers(); l++) {                                              // x: [B·S, D]
      String p = "h." + l + ".";
      INDArray n = layerNorm(x, p + "ln_1");
      INDArray q = heads(dense(n, p + "attn.q"), b, s);                                 // [B, H, S, dh]
      INDArray k = heads(dense(n, p + "attn.k"), b, s);
      INDArray v = heads(dense(n, p + "attn.v"), b, s);
      if (cache.keys[l] == null) {
        cache.keys[l] = Nd4j.zeros(k.dataType(), b, h, cap, dh);                       // [B, H, cap, dh]
        cache.values[l] = Nd4j.zeros(v.dataType(), b, h, cap, dh);
      }
      INDArrayIndex slots = NDArrayIndex.interval(p0, p0 + s);
      cache.keys[l].get(NDArrayIndex.all(), NDArrayIndex.all(), slots, NDArrayIndex.all()).assign(k);
      cache.values[l].get(NDArrayIndex.all(), NDArrayIndex.all(), slots, NDArrayIndex.all()).assign(v);
      INDArrayIndex filled = NDArrayIndex.interval(0, p0 + s);                          // views, no copies
      INDArray keys = cache.keys[l].get(NDArrayIndex.all(), NDArrayIndex.all(), filled, NDArrayIndex.all());
      INDArray values = cache.values[l].get(NDArrayIndex.all(), NDArrayIndex.all(), filled, NDArrayIndex.all());
      INDArray scores = Nd4j.matmul(q, keys, false, true, false);                       // [B, H, S, L]
      if (!c.neo()) {
        scores.divi(Math.sqrt(dh));
      }
      int window = "local".equals(c.layerTypes().get(l)) ? c.window() : Integer.MAX_VALUE;
      scores.addi(mask(s, p0, p0 + s, window).reshape(1, 1, s, p0 + s));               // broadcast over B, H
      INDArray probs = Nd4j.exec(new SoftMax(scores, scores.ulike(), 3))[0];
      INDArray ctx = Nd4j.matmul(probs, values).permute(0, 2, 1, 3).dup('c')
          .reshape('c', (long) b * s, c.hidden());
      x.addi(dense(ctx, p + "attn.out"));
      n = dense(geluTanh(dense(layerNorm(x, p + "ln_2"), p + "mlp.fc")), p + "mlp.proj");
      x.addi(n);
    }
    cache.length = p0 + s;
    int[] last = new int[b];
    for (int i = 0; i < b; i++) {
      last[i] = i * s + s - 1;
    }
    INDArray hLast = layerNorm(Nd4j.pullRows(x, 1, last), "ln_f");                       // [B, D]
    return hLast.mmul(w.get(GptWeights.WTE).transpose());                               // [B, V]
  }

  /** [S, L] additive mask: query at position p0 + i sees key j when 0 ≤ p0 + i − j &lt; window. */
  private INDArray mask(int s, int p0, int len, int window) {
    float[] m = new float[s * len];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < len; j++) {
        int d = p0 + i - j;
        m[i * len + j] = d >= 0 && d < window ? 0f : -1e9f;
      }
    }
    return Nd4j.create(m, new long[] {s, len}, 'c').castTo(w.get(GptWeights.WTE).dataType());
  }

  private INDArray heads(INDArray x, int b, int s) {                                    // [B·S, D] → [B, H, S, dh]
    return x.reshape('c', b, s, c.heads(), c.headSize()).permute(0, 2, 1, 3).dup('c');
  }

  private INDArray dense(INDArray x, String module) {
    INDArray y = x.mmul(w.get(module + ".weight"));
    INDArray bias = w.get(module + ".bias");
    return bias == null ? y : y.addiRowVector(bias);
  }

  private INDArray layerNorm(INDArray x, String module) {                               // over the last axis
    INDArray mean = x.mean(true, 1);
    INDArray centred = x.subColumnVector(mean);
    INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(c.eps()), false);
    return centred.diviColumnVector(std).muliRowVector(w.get(module + ".weight"))
        .addiRowVector(w.get(module + ".bias"));
  }

  /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), the {@code gelu_new} of both families. */
  private static INDArray geluTanh(INDArray x) {
    INDArray inner = x.mul(x).muli(x).muli(0.044715).addi(x).muli(Math.sqrt(2 / Math.PI));
    return Transforms.tanh(inner, false).addi(1.0).muli(x).muli(0.5);
  }
}
