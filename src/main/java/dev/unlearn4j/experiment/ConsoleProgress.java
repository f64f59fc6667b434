package dev.unlearn4j.experiment;

import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a progress bar with loss, steps/s and ETA on an interactive terminal, one log line per
 * epoch otherwise (CI logs, tests).
 */
public final class ConsoleProgress implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
  private final boolean interactive;
  private ProgressBar bar;

  public ConsoleProgress(boolean interactive) {
    this.interactive = interactive;
  }

  /** Interactive when a terminal is attached. */
  public static ConsoleProgress auto() {
    return new ConsoleProgress(System.console() != null);
  }

  @Override
  public void onStart(TrainerState s) {
    if (interactive) {
      bar = new ProgressBarBuilder().setTaskName(s.phase()).setInitialMax(s.totalSteps())
          .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" steps", 1).build();
    }
  }

  @Override
  public void onStep(TrainerState s) {
    if (bar != null) {
      bar.stepTo(s.step());
      bar.setExtraMessage(String.format("loss %.4f", s.loss()));
    }
  }

  @Override
  public void onEpochEnd(TrainerState s) {
    if (bar == null) {
      LOG.info("{} epoch {} step {}/{} loss {}", s.phase(), s.epoch(), s.step(), s.totalSteps(),
          String.format("%.5f", s.loss()));
    }
  }

  @Override
  public void onEnd(TrainerState s) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
