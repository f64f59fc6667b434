package dev.unlearn4j.model.encoder;

/**
 * Architecture of a BERT-family encoder (post-LN blocks, erf GELU, learned absolute positions).
 *
 * @param vocabSize word-piece vocabulary V
 * @param hidden model width D
 * @param layers number of transformer blocks L
 * @param heads attention heads H (D must be divisible by H)
 * @param intermediate feed-forward width
 * @param maxPositions learned positions P (longest input)
 * @param typeVocab token-type (segment) vocabulary
 * @param eps LayerNorm ε (1e-12 for BERT and MiniLM)
 * @param positionOffset the position of the first token (RoBERTa: padding_idx + 1 = 2; padding tokens take
 *     position offset − 1 there), 0 for BERT
 * @param head the classification head: "" a linear layer on the pooled vector; {@code tanh} or {@code relu} a
 *     dense layer with that activation first (BERT's pooler and RoBERTa's head: tanh; DistilBERT's: relu)
 */
public record BertConfig(
    int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions, int typeVocab,
    double eps, int positionOffset, String head) {
  public static final String HEAD_LINEAR = "";

  public BertConfig {
    if (heads < 1 || hidden % heads != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " is not divisible by heads " + heads);
    }
    head = head == null ? HEAD_LINEAR : head;
    if (!head.equals(HEAD_LINEAR) && !head.equals("tanh") && !head.equals("relu")) {
      throw new IllegalArgumentException("head must be \"\", tanh or relu, got '" + head + "'");
    }
  }

  /** A BERT encoder with a linear head on the pooled vector (ONNX imports, embedded models). */
  public BertConfig(int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions,
      int typeVocab, double eps) {
    this(vocabSize, hidden, layers, heads, intermediate, maxPositions, typeVocab, eps, 0, HEAD_LINEAR);
  }

  /** The same encoder cut to its first {@code n} layers. */
  public BertConfig withLayers(int n) {
    return new BertConfig(vocabSize, hidden, n, heads, intermediate, maxPositions, typeVocab, eps, positionOffset,
        head);
  }

  /** True if the head has a dense layer before the classifier. */
  public boolean denseHead() {
    return !head.equals(HEAD_LINEAR);
  }

  public int headSize() {
    return hidden / heads;
  }

  /** Parameters of the encoder (embeddings and blocks, no head). */
  public long parameters() {
    long emb = (long) (vocabSize + maxPositions + typeVocab) * hidden + 2L * hidden;
    long block = 4L * hidden * hidden + 4L * hidden + 2L * hidden * intermediate + intermediate + hidden
        + 4L * hidden;
    return emb + layers * block;
  }
}
