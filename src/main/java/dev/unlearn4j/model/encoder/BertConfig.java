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
 */
public record BertConfig(
    int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions, int typeVocab,
    double eps) {
  public BertConfig {
    if (heads < 1 || hidden % heads != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " is not divisible by heads " + heads);
    }
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
