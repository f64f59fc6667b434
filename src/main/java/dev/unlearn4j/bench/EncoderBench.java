package dev.unlearn4j.bench;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.encoder.BertClassifier;
import dev.unlearn4j.model.encoder.BertConfig;
import dev.unlearn4j.model.encoder.EncoderArgs;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.EncoderParity;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times a BERT-family classifier (the bench uses the embedded MiniLM): the evaluation forward pass, one full
 * training step (forward, backward of every weight including the embedding tables, AdamW update) and, when
 * available, onnxruntime's forward pass on the same token batch.
 */
public final class EncoderBench {
  private EncoderBench() {}

  /**
   * Analytic FLOPs of one forward pass: 2 per multiply-add of every dense layer and of the two attention products
   * (QKᵀ and PV).
   */
  public static double forwardFlops(BertConfig c, int batch, int length) {
    double tokens = (double) batch * length;
    double dense = 4.0 * c.hidden() * c.hidden() + 2.0 * c.hidden() * c.intermediate();
    double attention = 2.0 * length * c.hidden();
    return 2.0 * tokens * c.layers() * (dense + attention);
  }

  /** @param freezeEmbeddings keep the embedding tables fixed (no table gradients or updates) */
  public static ShapeResult run(EncoderBundle bundle, int batch, int length, int warmup, int reps,
      boolean freezeEmbeddings) {
    EncoderArgs args = new EncoderArgs(EmbeddedModels.MINILM, null, length, EncoderArgs.Pooling.MEAN, 0.1, 0,
        freezeEmbeddings);
    BertClassifier model = bundle.classifier(args, 2, 0);
    List<Example> examples = texts(model.tokenizer(), batch, length, new Random(1));

    ModelGraph eval = model.graph();
    var feed = eval.feed(examples);
    Timings fwd = Timings.measure(warmup, reps, () -> eval.sd().output(feed, "logits"));

    ModelGraph train = model.graph(true, 1);
    TrainSpec spec = new TrainSpec(1, batch, 2e-5, TrainSpec.Optimizer.ADAM, 0.9, 0.01, 1.0, 0);
    TrainStep step = new TrainStep(train, 2, Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())),
        spec);
    Timings stepT = Timings.trainSteps(step, new Batch(List.of(), examples), warmup, reps);

    Timings ort = null;
    TextTokenizer.Batch tok = model.tokenizer().encode(examples.stream().map(Example::text).toList());
    try (var session = EncoderParity.session(bundle.origin().file())) {
      ort = Timings.measure(warmup, reps, () -> {
        try {
          EncoderParity.run(session, tok);
        } catch (ai.onnxruntime.OrtException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (ai.onnxruntime.OrtException | NoClassDefFoundError e) {
      // onnxruntime unavailable: no reference timing
    }
    double f = forwardFlops(model.config(), batch, length);
    return new ShapeResult(batch, length, f / 1e9, fwd, stepT, ort, Map.of());
  }

  /** Texts that tokenise to exactly {@code length} tokens (random words, truncated), so every row is full. */
  static List<Example> texts(TextTokenizer tok, int batch, int length, Random rng) {
    String[] words = {"unlearning", "model", "privacy", "request", "data", "forget", "training", "the", "a",
        "contrastive", "encoder", "email", "spam", "retain", "test", "latent", "space", "sample"};
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < length * 2; w++) {
        sb.append(words[rng.nextInt(words.length)]).append(' ');
      }
      out.add(new Example("b" + i, i % 2, sb.toString(), null));
    }
    return out;
  }
}
