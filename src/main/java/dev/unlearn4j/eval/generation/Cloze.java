package dev.unlearn4j.eval.generation;

import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last-word cloze items (LAMBADA-style, metrics spec §8 and ICU spec §14) and their scoring rule. An item is cut
 * right after the last word of a sentence (the closing punctuation dropped): context = the text before the word,
 * target = " " + word; the word has at least 4 letters and is not a stop word, and the context at least a minimum
 * number of model tokens. A prediction is correct when the teacher-forced argmax equals every target token, or when
 * the normalised strings are equal (lowercase, punctuation stripped, articles a/an/the removed, spaces collapsed).
 */
public final class Cloze {
  private Cloze() {}

  /** One item. */
  public record Item(String context, String target) {}

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[\\s\"'“‘(])([A-Za-z]{4,})[.!?]+(?=[\"'”’)]*(\\s|$))");
  private static final Set<String> STOP = Set.of("about", "above", "after", "again", "against", "because", "been",
      "before", "being", "below", "between", "both", "does", "doing", "down", "during", "each", "from", "further",
      "have", "having", "here", "hers", "herself", "himself", "into", "itself", "just", "more", "most", "myself",
      "once", "only", "other", "ours", "ourselves", "over", "same", "should", "some", "such", "than", "that",
      "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "under",
      "until", "very", "were", "what", "when", "where", "which", "while", "whom", "will", "with", "would", "your",
      "yours", "yourself", "yourselves", "also", "upon", "shall", "must", "made", "make");

  /**
   * @param tokenCount counts the model tokens of a context
   * @param n items to keep (a seeded sample; all when fewer)
   */
  public static List<Item> items(List<String> texts, ToIntFunction<String> tokenCount, int minContextTokens, int n,
      long seed) {
    List<Item> all = new ArrayList<>();
    for (String text : texts) {
      Matcher m = SENTENCE_END.matcher(text);
      while (m.find()) {
        String word = m.group(1);
        String context = text.substring(0, m.start(1)).stripTrailing();
        if (!STOP.contains(word.toLowerCase(Locale.ROOT)) && tokenCount.applyAsInt(context) >= minContextTokens) {
          all.add(new Item(context, " " + word));
        }
      }
    }
    Collections.shuffle(all, Seeds.random(seed, "cloze"));
    return all.size() <= n ? all : all.subList(0, n);
  }

  /**
   * @param target the target's token ids
   * @param argmax the teacher-forced argmax at each target position
   */
  public static boolean correct(int[] target, int[] argmax, String targetText, String predictedText) {
    return Arrays.equals(target, argmax) || normalise(targetText).equals(normalise(predictedText));
  }

  /** SQuAD-style normalisation: lowercase, punctuation removed, articles removed, whitespace collapsed. */
  public static String normalise(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("\\p{Punct}", "");
    t = t.replaceAll("\\b(a|an|the)\\b", " ");
    return t.trim().replaceAll("\\s+", " ");
  }
}
