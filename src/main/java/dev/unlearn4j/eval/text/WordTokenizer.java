package dev.unlearn4j.eval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A port of NLTK's {@code word_tokenize} (the improved Treebank word tokenizer) used by BLEU. Sentences are split
 * after '.', '!' or '?' followed by whitespace unless the token holds another period (u.s.); NLTK's Punkt
 * sentence model is not reproduced exactly, a documented deviation.
 */
public final class WordTokenizer {
  private WordTokenizer() {}

  private record Rule(Pattern p, String replacement) {
    String apply(String s) {
      return p.matcher(s).replaceAll(replacement);
    }
  }

  private static Rule r(String regex, String replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }

  private static final List<Rule> STARTING_QUOTES = List.of(
      r("^\"", "``"),
      r("(``)", " $1 "),
      r("([ (\\[{<])(\"|'{2})", "$1 `` "),
      r("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));

  private static final List<Rule> PUNCTUATION = List.of(
      r("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2 $3 "),
      r("([:,])([^\\d])", " $1 $2"),
      r("([:,])$", " $1 "),
      r("\\.{2,}", " $0 "),
      r("[;@#$%&]", " $0 "),
      r("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2 $3 "),
      r("[?!]", " $0 "),
      r("([^'])' ", "$1 ' "),
      r("[*]", " $0 "));

  private static final List<Rule> BRACKETS_AND_DASHES = List.of(
      r("[\\]\\[(){}<>]", " $0 "),
      r("--", " -- "));

  private static final List<Rule> ENDING_QUOTES = List.of(
      r("''", " '' "),
      r("\"", " '' "),
      r("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
      r("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

  private static final List<Rule> CONTRACTIONS = List.of(
      r("(?i)\\b(can)(not)\\b", " $1 $2 "),
      r("(?i)\\b(d)('ye)\\b", " $1 $2 "),
      r("(?i)\\b(gim)(me)\\b", " $1 $2 "),
      r("(?i)\\b(gon)(na)\\b", " $1 $2 "),
      r("(?i)\\b(got)(ta)\\b", " $1 $2 "),
      r("(?i)\\b(lem)(me)\\b", " $1 $2 "),
      r("(?i)\\b(more)('n)\\b", " $1 $2 "),
      r("(?i)\\b(wan)(na)(?=\\s)", " $1 $2 "),
      r("(?i) ('t)(is)\\b", " $1 $2 "),
      r("(?i) ('t)(was)\\b", " $1 $2 "));

  /** Tokens of {@code text} (callers lowercase first, as ICU does). */
  public static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    for (String sentence : sentences(text)) {
      out.addAll(tokenizeSentence(sentence));
    }
    return out;
  }

  static List<String> tokenizeSentence(String text) {
    String s = text;
    for (List<Rule> rules : List.of(STARTING_QUOTES, PUNCTUATION, BRACKETS_AND_DASHES)) {
      for (Rule rule : rules) {
        s = rule.apply(s);
      }
    }
    s = " " + s + " ";
    for (List<Rule> rules : List.of(ENDING_QUOTES, CONTRACTIONS)) {
      for (Rule rule : rules) {
        s = rule.apply(s);
      }
    }
    List<String> tokens = new ArrayList<>();
    for (String t : s.trim().split("\\s+")) {
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    return tokens;
  }

  /** Splits after '.', '!' or '?' followed by whitespace, unless the word holds another period (u.s.). */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    String[] words = text.strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      cur.add(words[i]);
      String core = words[i].replaceAll("[\"')\\]]+$", "");
      boolean end = core.matches(".*[.!?]") && core.replaceAll("[.!?]+$", "").indexOf('.') < 0;
      if (end && i + 1 < words.length) {
        out.add(String.join(" ", cur));
        cur.clear();
      }
    }
    if (!cur.isEmpty() && !String.join("", cur).isEmpty()) {
      out.add(String.join(" ", cur));
    }
    return out;
  }
}
