package dev.unlearn4j.model.encoder;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent plain-loop forward pass of a Hugging Face BERT, RoBERTa or DistilBERT sequence classifier,
 * straight from the checkpoint's tensors (transformers names, {@code nn.Linear} [out, in]), as transformers computes
 * it: embeddings (RoBERTa's positions from padding_idx + 1, DistilBERT without token types) → LayerNorm → post-LN
 * blocks with erf GELU → the family's head on the first token.
 */
final class NaiveHfEncoder {
  private final Map<String, INDArray> t;
  private final String family;
  private final String p;
  private final double eps;

  NaiveHfEncoder(Map<String, INDArray> tensors, String family, double eps) {
    this.t = tensors;
    this.family = family;
    this.p = family + ".";
    this.eps = eps;
  }

  /** Logits [C] of one sequence: its ids and token types, {@code length} real tokens followed by padding. */
  double[] logits(long[] ids, long[] types, int length) {
    int d = TinyHfEncoders.D;
    double[][] x = new double[length][];
    boolean distil = family.equals("distilbert");
    for (int j = 0; j < length; j++) {           // padding is masked out of attention: only real tokens matter
      int pos = family.equals("roberta") ? TinyHfEncoders.ROBERTA_PAD + 1 + j : j;
      double[] e = add(row(p + "embeddings.word_embeddings.weight", (int) ids[j]),
          row(p + "embeddings.position_embeddings.weight", pos));
      if (!distil) {
        e = add(e, row(p + "embeddings.token_type_embeddings.weight", (int) types[j]));
      }
      x[j] = norm(e, p + "embeddings.LayerNorm");
    }
    for (int l = 0; l < TinyHfEncoders.LAYERS; l++) {
      String b = distil ? p + "transformer.layer." + l + "." : p + "encoder.layer." + l + ".";
      String q = distil ? "attention.q_lin" : "attention.self.query";
      String k = distil ? "attention.k_lin" : "attention.self.key";
      String v = distil ? "attention.v_lin" : "attention.self.value";
      String o = distil ? "attention.out_lin" : "attention.output.dense";
      double[][] qs = new double[length][];
      double[][] ks = new double[length][];
      double[][] vs = new double[length][];
      for (int j = 0; j < length; j++) {
        qs[j] = linear(x[j], b + q);
        ks[j] = linear(x[j], b + k);
        vs[j] = linear(x[j], b + v);
      }
      int dh = d / TinyHfEncoders.HEADS;
      double[][] next = new double[length][];
      for (int i = 0; i < length; i++) {
        double[] ctx = new double[d];
        for (int h = 0; h < TinyHfEncoders.HEADS; h++) {
          double[] s = new double[length];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < length; j++) {
            for (int c = h * dh; c < (h + 1) * dh; c++) {
              s[j] += qs[i][c] * ks[j][c];
            }
            s[j] /= Math.sqrt(dh);
            max = Math.max(max, s[j]);
          }
          double sum = 0;
          for (int j = 0; j < length; j++) {
            s[j] = Math.exp(s[j] - max);
            sum += s[j];
          }
          for (int j = 0; j < length; j++) {
            for (int c = h * dh; c < (h + 1) * dh; c++) {
              ctx[c] += s[j] / sum * vs[j][c];
            }
          }
        }
        double[] a = norm(add(linear(ctx, b + o), x[i]), b + (distil ? "sa_layer_norm" : "attention.output.LayerNorm"));
        double[] f = linear(a, b + (distil ? "ffn.lin1" : "intermediate.dense"));
        for (int c = 0; c < f.length; c++) {
          f[c] = 0.5 * f[c] * (1 + erf(f[c] / Math.sqrt(2)));
        }
        next[i] = norm(add(linear(f, b + (distil ? "ffn.lin2" : "output.dense")), a),
            b + (distil ? "output_layer_norm" : "output.LayerNorm"));
      }
      x = next;
    }
    double[] first = x[0];
    return switch (family) {
      case "bert" -> linear(tanh(linear(first, p + "pooler.dense")), "classifier");
      case "roberta" -> linear(tanh(linear(first, "classifier.dense")), "classifier.out_proj");
      default -> linear(relu(linear(first, "pre_classifier")), "classifier");
    };
  }

  private double[] row(String name, int i) {
    INDArray a = t.get(name);
    double[] r = new double[(int) a.size(1)];
    for (int c = 0; c < r.length; c++) {
      r[c] = a.getDouble(i, c);
    }
    return r;
  }

  /** y = W x + b with W [out, in]. */
  private double[] linear(double[] x, String module) {
    INDArray w = t.get(module + ".weight");
    INDArray bias = t.get(module + ".bias");
    double[] y = new double[(int) w.size(0)];
    for (int o = 0; o < y.length; o++) {
      double s = bias.getDouble(o);
      for (int i = 0; i < x.length; i++) {
        s += w.getDouble(o, i) * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  private double[] norm(double[] x, String module) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (x[i] - mean) / Math.sqrt(var + eps) * t.get(module + ".weight").getDouble(i)
          + t.get(module + ".bias").getDouble(i);
    }
    return y;
  }

  private static double[] add(double[] a, double[] b) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }

  private static double[] tanh(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.tanh(x[i]);
    }
    return y;
  }

  private static double[] relu(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.max(0, x[i]);
    }
    return y;
  }

  /** erf by Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7, far below the parity tolerance). */
  static double erf(double x) {
    double s = Math.signum(x);
    double a = Math.abs(x);
    double k = 1 / (1 + 0.3275911 * a);
    double y = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k + 0.254829592)
        * k * Math.exp(-a * a);
    return s * y;
  }
}
