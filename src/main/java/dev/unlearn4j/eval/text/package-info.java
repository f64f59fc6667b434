/** Text similarity metrics: NLTK-compatible word tokenisation, sentence BLEU-4, BERTScore. */
package dev.unlearn4j.eval.text;
