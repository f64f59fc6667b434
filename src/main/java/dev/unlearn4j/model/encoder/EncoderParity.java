package dev.unlearn4j.model.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares the SameDiff encoder with onnxruntime running the ONNX file itself, on random padded batches: the
 * check behind {@code unlearn import --verify} and the parity tests.
 */
public final class EncoderParity {
  private EncoderParity() {}

  /** Random token ids in [1000, V) with random lengths in [2, T], [CLS] first, zero-padded. */
  public static TextTokenizer.Batch randomBatch(Random rng, int batch, int length, int vocab) {
    long[][] ids = new long[batch][length];
    long[][] types = new long[batch][length];
    long[][] mask = new long[batch][length];
    for (int b = 0; b < batch; b++) {
      int len = b == 0 ? length : 2 + rng.nextInt(length - 1);   // the first row is unpadded
      for (int t = 0; t < len; t++) {
        ids[b][t] = t == 0 ? 101 : 1000 + rng.nextInt(vocab - 1000);
        mask[b][t] = 1;
      }
    }
    return new TextTokenizer.Batch(ids, types, mask);
  }

  /** last_hidden_state [B, T, D] of the SameDiff encoder (evaluation mode). */
  public static INDArray sameDiff(BertClassifier model, TextTokenizer.Batch tok) {
    BertGraph g = (BertGraph) model.graph();
    INDArray h = g.sd().output(g.feedTokens(tok), "hidden").get("hidden");
    return h.reshape(tok.size(), tok.length(), model.config().hidden());
  }

  /** last_hidden_state [B, T, D] from onnxruntime on the given file. */
  public static float[][][] onnxRuntime(Path onnx, TextTokenizer.Batch tok) {
    try (OrtSession s = session(onnx)) {
      return run(s, tok);
    } catch (OrtException e) {
      throw new UnlearnException(onnx + ": onnxruntime cannot run the file: " + e.getMessage());
    }
  }

  /** An onnxruntime session on the file, one intra-op thread per core. */
  public static OrtSession session(Path onnx) throws OrtException {
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
      return OrtEnvironment.getEnvironment().createSession(onnx.toString(), opts);
    }
  }

  /** last_hidden_state [B, T, D] of one batch on an open session. */
  public static float[][][] run(OrtSession s, TextTokenizer.Batch tok) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("input_ids", OnnxTensor.createTensor(env, tok.ids()));
    in.put("attention_mask", OnnxTensor.createTensor(env, tok.mask()));
    if (s.getInputNames().contains("token_type_ids")) {
      in.put("token_type_ids", OnnxTensor.createTensor(env, tok.typeIds()));
    }
    try (OrtSession.Result r = s.run(in)) {
      return (float[][][]) r.get(0).getValue();
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * max |SameDiff − onnxruntime| over every position (padding included) of {@code batches} random batches.
   */
  public static double maxAbsDiff(BertClassifier model, Path onnx, int batches, int batch, int length,
      long seed) {
    Random rng = new Random(seed);
    double max = 0;
    for (int i = 0; i < batches; i++) {
      TextTokenizer.Batch tok = randomBatch(rng, batch, length, model.config().vocabSize());
      INDArray ours = sameDiff(model, tok);
      float[][][] ref = onnxRuntime(onnx, tok);
      for (int b = 0; b < tok.size(); b++) {
        for (int t = 0; t < tok.length(); t++) {
          for (int d = 0; d < ref[b][t].length; d++) {
            max = Math.max(max, Math.abs(ours.getDouble(b, t, d) - ref[b][t][d]));
          }
        }
      }
    }
    return max;
  }
}
