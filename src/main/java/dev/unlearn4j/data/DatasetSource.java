package dev.unlearn4j.data;

/** Something that can produce a {@link Dataset}: a built-in corpus, a user's file, a generator. */
@FunctionalInterface
public interface DatasetSource {
  Dataset load();
}
