package dev.unlearn4j.experiment.sequence;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics a sequence run reports in {@code summary.json} (before and after), for {@code unlearn list}. */
public final class SequenceMetricNames {
  private SequenceMetricNames() {}

  public static Map<String, String> all() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("forget.ma", "memorisation accuracy: teacher-forced argmax = next token, mean over forget passages");
    m.put("forget.el_icu", "extraction likelihood EL_n, ICU variant (prompts from the suffix start, n = eval.elN)");
    m.put("forget.el_jang", "EL_n, Jang et al.'s variant (prompts of every length; eval.jangEl)");
    m.put("forget.bertscore_f1", "BERTScore-F1 of beam continuations vs true suffixes (MiniLM layer eval.bertLayer)");
    m.put("forget.bleu", "sentence BLEU-4 (NLTK semantics) of the same continuations");
    m.put("forget.token_entropy", "token entropy of the continuations, bits");
    m.put("forget.flagged", "passages still flagged as memorised by the refinement");
    m.put("unseen.perplexity", "window-mean perplexity of unseen (held-out) passages");
    m.put("unseen.cloze_accuracy", "last-word cloze accuracy on items cut from unseen passages");
    m.put("mia.loss_auc", "membership-inference AUC of the LOSS score, forget vs unseen passages");
    m.put("calibration.f1_mismatched", "BERTScore-F1 of continuations vs another passage's suffix (F1 scale)");
    return m;
  }
}
