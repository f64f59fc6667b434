package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.StopRule;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.Seeds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The unlearning phase of a classification run, in the way its method declares: one model trained with the
 * method's objective from a copy of the original (or from fresh weights), under the experiment's stopping rule and
 * utility floor; or, for a method that declares shards ({@link UnlearningMethod#sharding()}: SISA), its ensemble
 * trained and the shards that held forget samples retrained.
 */
final class Unlearning {
  private Unlearning() {}

  /** Unlearns with {@code exp}'s method from the batch's shared original model. */
  static Outcome run(Experiment exp, ExperimentRunner.Shared s, List<TrainingListener> listeners,
      TrainingCheckpoints ckpt, RunDirectory run) {
    UnlearningMethod method = exp.method();
    TrainSpec schedule = method.schedule(exp.config().train());
    return method.sharding().isPresent() ? sharded(method, exp, s, schedule, listeners, run)
        : trained(method, exp, s, schedule, listeners, ckpt);
  }

  /** The model before and after unlearning, the time unlearning took, and values to report next to "before". */
  record Outcome(Model original, EvalResult before, Model model, double seconds,
      Map<String, Double> extraTiming, Map<String, Double> extraBefore) {}

  private static Outcome trained(UnlearningMethod method, Experiment exp, ExperimentRunner.Shared s,
      TrainSpec schedule, List<TrainingListener> listeners, TrainingCheckpoints ckpt) {
    ExperimentConfig cfg = exp.config();
    long t = System.nanoTime();
    Model unlearned = method.fromScratch() ? exp.model().create(s.data(), Seeds.derive(cfg.seed(), "init"))
        : s.original().copy();
    var forget = method.forgetExamples(s.request().forget().examples(), s.data().numClasses(), cfg.seed());
    if (cfg.eval().utilityFloor() > 0) {
      listeners.add(new UtilityFloor(unlearned, s.request().retain(), cfg.eval()));
    }
    UnlearningMethod.Stop rule = method.fromScratch() ? UnlearningMethod.Stop.EPOCHS : cfg.stop().ruleFor(method);
    ForgetTarget target = null;
    StopRule stop = null;
    if (rule != UnlearningMethod.Stop.EPOCHS) {
      double oracleF1 = s.oracle() == null ? Double.NaN
          : s.oracle().aggregates().getOrDefault("forget.macro_f1", Double.NaN);
      target = new ForgetTarget(rule, cfg.stop().tolerance(), unlearned, s.request().forget(), s.request().test(),
          oracleF1, cfg.eval());
      stop = StopRule.everySteps(cfg.stop().every(), target);
      listeners.add(stop);
    }
    TrainerState end = new Trainer(listeners).withCheckpoints(ckpt).fit("unlearn", unlearned, method.objective(),
        method.plan(schedule), schedule, forget, s.request().retain().examples(), cfg.seed());
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("unlearn_epochs", (double) end.epoch());
    extra.put("unlearn_steps", (double) end.step());
    if (target != null) {                               // 1: stopped by the rule, 0: ran to its epochs (the cap)
      extra.put("stopped_by_rule", stop.reason().isPresent() ? 1.0 : 0.0);
      extra.put("stop_check_s", target.checkSeconds());   // included in unlearn_s: the rule is part of the method
    }
    return new Outcome(s.original(), s.before(), unlearned, RunRecord.secondsSince(t), extra, Map.of());
  }

  /**
   * SISA: its "before" is its own ensemble (training it is timed as {@code sisa_train_s}); the monolithic
   * original's values are kept under {@code monolithic.*} for comparison. Unlearning time is the shard retraining.
   */
  private static Outcome sharded(UnlearningMethod method, Experiment exp, ExperimentRunner.Shared s, TrainSpec schedule,
      List<TrainingListener> listeners, RunDirectory run) {
    ExperimentConfig cfg = exp.config();
    Set<String> forgetIds = s.request().forget().examples().stream().map(Example::id).collect(Collectors.toSet());
    SisaTraining.Outcome o = new SisaTraining(method, exp, s.data(), schedule, cfg.seed(), new Trainer(listeners),
        run.file(RunDirectory.CHECKPOINTS).resolve("sisa")).run(s.request().train().examples(), forgetIds);
    Map<String, Double> timing = new LinkedHashMap<>();
    timing.put("sisa_train_s", o.trainSeconds());
    timing.put("sisa_shards_retrained", (double) o.shardsRetrained());
    EvalResult before = Evaluator.evaluate(o.before(), s.request().evaluationSplits(), cfg.eval());
    Map<String, Double> monolithic = new LinkedHashMap<>();
    CrossMetrics.compute(s.before(), s.oracle(), cfg.eval().metrics())
        .forEach((k, v) -> monolithic.put("monolithic." + k, v));
    return new Outcome(o.before(), before, o.after(), o.unlearnSeconds(), timing, monolithic);
  }
}
