package dev.unlearn4j.model.causal;

import java.util.Map;

/**
 * A straightforward reference forward pass over Hugging Face-named weights in their original layouts (GPT-Neo
 * Linear [out, in], GPT-2 Conv1D [in, out]), written with plain loops in double precision. The yardstick the
 * SameDiff decoder is tested against.
 */
final class NaiveGpt {
  private final boolean neo;
  private final int d;
  private final int heads;
  private final int window;
  private final String[] types;
  private final Map<String, float[][]> w;     // 2-D weights; 1-D weights stored as a single row

  NaiveGpt(boolean neo, int d, int heads, int window, String[] types, Map<String, float[][]> w) {
    this.neo = neo;
    this.d = d;
    this.heads = heads;
    this.window = window;
    this.types = types;
    this.w = w;
  }

  /** logits[t][v] for one sequence. */
  double[][] logits(int[] ids) {
    int t = ids.length;
    float[][] wte = w.get("transformer.wte.weight");
    float[][] wpe = w.get("transformer.wpe.weight");
    double[][] x = new double[t][d];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < d; k++) {
        x[i][k] = wte[ids[i]][k] + wpe[i][k];
      }
    }
    for (int l = 0; l < types.length; l++) {
      String p = "transformer.h." + l + ".";
      double[][] h = layerNorm(x, p + "ln_1");
      double[][] q;
      double[][] k;
      double[][] v;
      if (neo) {
        q = linear(h, p + "attn.attention.q_proj.weight", null);
        k = linear(h, p + "attn.attention.k_proj.weight", null);
        v = linear(h, p + "attn.attention.v_proj.weight", null);
      } else {
        double[][] qkv = conv1d(h, p + "attn.c_attn.weight", p + "attn.c_attn.bias");
        q = slice(qkv, 0);
        k = slice(qkv, d);
        v = slice(qkv, 2 * d);
      }
      double[][] ctx = attention(q, k, v, "local".equals(types[l]));
      double[][] out = neo ? linear(ctx, p + "attn.attention.out_proj.weight", p + "attn.attention.out_proj.bias")
          : conv1d(ctx, p + "attn.c_proj.weight", p + "attn.c_proj.bias");
      add(x, out);
      h = layerNorm(x, p + "ln_2");
      double[][] m = neo ? linear(h, p + "mlp.c_fc.weight", p + "mlp.c_fc.bias")
          : conv1d(h, p + "mlp.c_fc.weight", p + "mlp.c_fc.bias");
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          double z = row[j];
          row[j] = 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
        }
      }
      m = neo ? linear(m, p + "mlp.c_proj.weight", p + "mlp.c_proj.bias")
          : conv1d(m, p + "mlp.c_proj.weight", p + "mlp.c_proj.bias");
      add(x, m);
    }
    double[][] hf = layerNorm(x, "transformer.ln_f");
    double[][] logits = new double[t][wte.length];
    for (int i = 0; i < t; i++) {
      for (int vv = 0; vv < wte.length; vv++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += hf[i][j] * wte[vv][j];
        }
        logits[i][vv] = s;
      }
    }
    return logits;
  }

  private double[][] attention(double[][] q, double[][] k, double[][] v, boolean local) {
    int t = q.length;
    int dh = d / heads;
    double[][] out = new double[t][d];
    for (int hh = 0; hh < heads; hh++) {
      for (int i = 0; i < t; i++) {
        double[] s = new double[t];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          if (local && i - j >= window) {
            s[j] = Double.NEGATIVE_INFINITY;
            continue;
          }
          double dot = 0;
          for (int c = 0; c < dh; c++) {
            dot += q[i][hh * dh + c] * k[j][hh * dh + c];
          }
          s[j] = neo ? dot : dot / Math.sqrt(dh);
          max = Math.max(max, s[j]);
        }
        double z = 0;
        for (int j = 0; j <= i; j++) {
          z += s[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[j] - max);
        }
        for (int j = 0; j <= i; j++) {
          double pr = s[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[j] - max) / z;
          for (int c = 0; c < dh; c++) {
            out[i][hh * dh + c] += pr * v[j][hh * dh + c];
          }
        }
      }
    }
    return out;
  }

  private double[][] layerNorm(double[][] x, String name) {
    float[] g = w.get(name + ".weight")[0];
    float[] b = w.get(name + ".bias")[0];
    double[][] out = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      double mean = 0;
      for (double v : x[i]) {
        mean += v / d;
      }
      double var = 0;
      for (double v : x[i]) {
        var += (v - mean) * (v - mean) / d;
      }
      for (int j = 0; j < d; j++) {
        out[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
      }
    }
    return out;
  }

  /** y = x·Wᵀ + b with W [out, in] (PyTorch Linear). */
  private double[][] linear(double[][] x, String weight, String bias) {
    float[][] wt = w.get(weight);
    float[] b = bias == null ? null : w.get(bias)[0];
    double[][] out = new double[x.length][wt.length];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < wt.length; o++) {
        double s = b == null ? 0 : b[o];
        for (int j = 0; j < wt[o].length; j++) {
          s += x[i][j] * wt[o][j];
        }
        out[i][o] = s;
      }
    }
    return out;
  }

  /** y = x·W + b with W [in, out] (GPT-2 Conv1D). */
  private double[][] conv1d(double[][] x, String weight, String bias) {
    float[][] wt = w.get(weight);
    float[] b = w.get(bias)[0];
    double[][] out = new double[x.length][wt[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < wt[0].length; o++) {
        double s = b[o];
        for (int j = 0; j < wt.length; j++) {
          s += x[i][j] * wt[j][o];
        }
        out[i][o] = s;
      }
    }
    return out;
  }

  private double[][] slice(double[][] x, int from) {
    double[][] out = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], from, out[i], 0, d);
    }
    return out;
  }

  private static void add(double[][] x, double[][] y) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += y[i][j];
      }
    }
  }
}
