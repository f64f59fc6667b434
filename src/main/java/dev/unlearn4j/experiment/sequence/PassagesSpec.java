package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.ConfigException;

/**
 * Passages in the layout of the training-data extraction benchmark that ICU's paper used, instead of the
 * {@code passages.jsonl} of a pretrained original: a pool of token sequences, the rows to forget, and optionally
 * unseen sequences for the thresholds.
 *
 * @param pool a {@code .npy} file of N × L token ids (uint16, int32 or int64; ICU: 15,000 × 200, tokens 100–149 the
 *     prefix, 150–199 the suffix); the rows not forgotten are the analogue candidates ("" = not used)
 * @param forget a CSV or JSON Lines file: with a {@code doc_id} column, rows of the pool
 *     ({@code lm_extraction_128_<i>.csv}); otherwise a {@code text} column, each text tokenised with the
 *     checkpoint's {@code tokenizer.json} and cut to L tokens
 * @param unseen a {@code .npy} file of unseen sequences of width L: thresholds by Jang et al.'s definition, unseen
 *     perplexity and the membership AUCs ("" = none: {@code eval.thresholds} must be {@code paper}, and a seeded
 *     sample of {@code eval.unseenPassages} pool rows, kept out of the candidates, takes the unseen passages' place
 *     for perplexity, as the paper's Pile perplexity does)
 */
public record PassagesSpec(String pool, String forget, String unseen) {
  public static PassagesSpec defaults() {
    return new PassagesSpec("", "", "");
  }

  public PassagesSpec {
    pool = pool == null ? "" : pool;
    forget = forget == null ? "" : forget;
    unseen = unseen == null ? "" : unseen;
    if (pool.isEmpty() != forget.isEmpty()) {
      throw new ConfigException("keys 'passages.pool' and 'passages.forget' go together (pool: '" + pool
          + "', forget: '" + forget + "')");
    }
    if (pool.isEmpty() && !unseen.isEmpty()) {
      throw new ConfigException("key 'passages.unseen' needs 'passages.pool' and 'passages.forget'");
    }
  }

  /** True when the passages come from these files rather than the original's {@code passages.jsonl}. */
  public boolean given() {
    return !pool.isEmpty();
  }
}
