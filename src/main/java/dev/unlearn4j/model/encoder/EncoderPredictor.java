package dev.unlearn4j.model.encoder;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.ModelGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier ready to serve: opened from an unlearn4j or Hugging Face checkpoint with the settings it was trained
 * with (maximum length, pooling), then class probabilities and pooled vectors for batches of texts.
 */
public final class EncoderPredictor {
  /** One text's outputs: class probabilities (empty without a head) and, when asked, the pooled vector. */
  public record Prediction(int label, double[] probabilities, double[] embedding) {}

  private final BertClassifier model;
  private final ModelGraph graph;
  private final boolean head;

  private EncoderPredictor(BertClassifier model, boolean head) {
    this.model = model;
    this.graph = model.graph();
    this.head = head;
  }

  /** Opens a checkpoint directory (unlearn4j or Hugging Face). */
  public static EncoderPredictor open(Path dir) {
    EncoderBundle b = EncoderBundle.open(dir.toString(), null);
    int longest = Math.min(512, b.config().maxPositions() - b.config().positionOffset());
    EncoderArgs args = HfEncoders.isHf(dir) || !Files.isRegularFile(dir.resolve(EncoderCheckpoint.CONFIG))
        ? new EncoderArgs(dir.toString(), null, longest, null, 0.0, 0, false) : EncoderCheckpoint.manifest(dir).args();
    return new EncoderPredictor(b.classifier(args, Math.max(1, b.numClasses()), 0), b.numClasses() > 0);
  }

  /** Class names of the head, index order, or null when the checkpoint does not name them. */
  public List<String> labels() {
    return model.source().labels();
  }

  /** False for an encoder without a trained head: only its pooled vectors mean something. */
  public boolean hasHead() {
    return head;
  }

  public List<Prediction> predict(List<String> texts, boolean embed) {
    List<Example> batch = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      batch.add(new Example(String.valueOf(i), 0, texts.get(i), null));
    }
    var out = graph.sd().output(graph.feed(batch), graph.logits().name(), graph.latent().name());
    INDArray logits = out.get(graph.logits().name());                                    // [B, C]
    INDArray latent = out.get(graph.latent().name());                                    // [B, D]
    List<Prediction> p = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      double[] z = logits.getRow(i).toDoubleVector();
      double max = Arrays.stream(z).max().orElse(0);
      double sum = 0;
      int best = 0;
      for (int c = 0; c < z.length; c++) {
        best = z[c] > z[best] ? c : best;
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (int c = 0; c < z.length; c++) {
        z[c] /= sum;
      }
      p.add(new Prediction(best, z, embed ? latent.getRow(i).toDoubleVector() : null));
    }
    return p;
  }
}
