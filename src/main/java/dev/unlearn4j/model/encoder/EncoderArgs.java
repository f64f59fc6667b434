package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.EnumKey;
import dev.unlearn4j.model.EmbeddedModels;

/**
 * A BERT-family encoder with a classification head.
 *
 * @param source the encoder: {@code embedded:all-minilm-l6-v2} (default) or {@code embedded:bge-small-en-v15}
 *     (shipped in a dependency jar), a BERT-family ONNX export ({@code *.onnx}), or a checkpoint directory
 *     written by unlearn4j (which may carry a trained head)
 * @param tokenizer {@code tokenizer.json} path, required with an ONNX file; unset (default) takes the embedded
 *     model's or the checkpoint's own tokenizer
 * @param maxLength longest input in tokens, special tokens included (default 128)
 * @param pooling {@code mean} over non-padding tokens or {@code cls} (the first token); unset (default): the
 *     source's own — mean for sentence-transformers exports (the embedded models), cls for Hugging Face
 *     classifier checkpoints, as recorded for unlearn4j checkpoints
 * @param dropout dropout of hidden states and attention probabilities in training (default 0.1, BERT's)
 * @param freezeLayers keep the embeddings and the lowest k blocks fixed (default 0: train everything)
 * @param freezeEmbeddings keep the three embedding tables fixed even when freezeLayers is 0 (default false)
 */
public record EncoderArgs(
    String source, String tokenizer, int maxLength, Pooling pooling, double dropout, int freezeLayers,
    boolean freezeEmbeddings) {

  /** How token states become the sentence representation the head reads. */
  public enum Pooling {
    MEAN,
    CLS;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  public EncoderArgs {
    if (source == null || source.isBlank()) {
      throw new ConfigException("key 'model.args.source' must name an ONNX file, an embedded model or a checkpoint");
    }
    if (maxLength < 2) {
      throw new ConfigException("key 'model.args.maxLength' must be >= 2, got " + maxLength);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new ConfigException("key 'model.args.dropout' must be in [0, 1), got " + dropout);
    }
    if (freezeLayers < 0) {
      throw new ConfigException("key 'model.args.freezeLayers' must be >= 0, got " + freezeLayers);
    }
    if (source.endsWith(".onnx") && tokenizer == null) {
      throw new ConfigException("key 'model.args.tokenizer' is required with an ONNX file as source");
    }
  }

  public static EncoderArgs defaults() {
    return new EncoderArgs(EmbeddedModels.MINILM, null, 128, null, 0.1, 0, false);
  }

  public EncoderArgs withPooling(Pooling p) {
    return new EncoderArgs(source, tokenizer, maxLength, p, dropout, freezeLayers, freezeEmbeddings);
  }

  /** True if the embedding tables are trained. */
  public boolean trainsEmbeddings() {
    return !freezeEmbeddings && freezeLayers == 0;
  }
}
