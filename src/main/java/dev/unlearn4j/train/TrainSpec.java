package dev.unlearn4j.train;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.EnumKey;

/**
 * A training schedule: optimiser, learning rate, epochs, clipping.
 *
 * @param epochs passes over the driving split (default 5)
 * @param batchSize examples per step from the driving split (default 32)
 * @param learningRate step size η (default 1e-3)
 * @param optimizer {@code adam} (β1 0.9, β2 0.999, ε 1e-8), {@code sgd} with classical {@code momentum} (PyTorch's
 *     SGD: v ← μ·v + g, step η·v; plain SGD at momentum 0) or {@code nesterov} (ND4J's Nesterov momentum)
 *     (default adam)
 * @param momentum momentum μ of sgd and nesterov (default 0.9; ignored by adam)
 * @param weightDecay decoupled weight decay λ: θ ← θ − η·λ·θ each step (default 0)
 * @param clipNorm clip the global L2 norm of the gradient to this value; 0 turns clipping off (default 1.0)
 * @param maxSteps stop after this many steps even mid-epoch; 0 means no cap (default 0)
 * @param beta2 adam's second-moment decay β2 (default 0.999; ICU and KUMPR use 0.98)
 * @param microBatch at most this many examples of each split per forward pass; a step's batch is cut into
 *     micro-batches whose gradients add up to the whole batch's (bounded memory, same update); 0 = the whole
 *     batch in one pass (default 0)
 */
public record TrainSpec(
    int epochs,
    int batchSize,
    double learningRate,
    Optimizer optimizer,
    double momentum,
    double weightDecay,
    double clipNorm,
    int maxSteps,
    double beta2,
    int microBatch) {

  /** Supported optimisers. */
  public enum Optimizer {
    ADAM,
    SGD,
    NESTEROV;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  public TrainSpec {
    if (epochs < 0) {
      throw new ConfigException("epochs must be >= 0, got " + epochs);
    }
    if (batchSize < 1) {
      throw new ConfigException("batchSize must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new ConfigException("learningRate must be a positive number, got " + learningRate);
    }
    if (clipNorm < 0 || weightDecay < 0 || maxSteps < 0 || microBatch < 0) {
      throw new ConfigException("clipNorm, weightDecay, maxSteps and microBatch must be >= 0");
    }
    if (!(beta2 > 0 && beta2 < 1)) {
      throw new ConfigException("beta2 must lie in (0, 1), got " + beta2);
    }
    if (optimizer == null) {
      throw new ConfigException("optimizer must be one of [adam, sgd, nesterov]");
    }
  }

  /** A schedule without micro-batches. */
  public TrainSpec(int epochs, int batchSize, double learningRate, Optimizer optimizer, double momentum,
      double weightDecay, double clipNorm, int maxSteps, double beta2) {
    this(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, clipNorm, maxSteps, beta2, 0);
  }

  /** A schedule with adam's default β2 of 0.999. */
  public TrainSpec(int epochs, int batchSize, double learningRate, Optimizer optimizer, double momentum,
      double weightDecay, double clipNorm, int maxSteps) {
    this(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, clipNorm, maxSteps, 0.999);
  }

  public static TrainSpec defaults() {
    return new TrainSpec(5, 32, 1e-3, Optimizer.ADAM, 0.9, 0.0, 1.0, 0);
  }

  /** This schedule with another β2. */
  public TrainSpec withBeta2(double b2) {
    return new TrainSpec(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, clipNorm, maxSteps, b2,
        microBatch);
  }

  /** This schedule with other epochs and learning rate (method defaults). */
  public TrainSpec with(int epochs, int batchSize, double learningRate) {
    return new TrainSpec(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, clipNorm, maxSteps,
        beta2, microBatch);
  }

  /** This schedule with another micro-batch size (0: whole batches). */
  public TrainSpec withMicroBatch(int m) {
    return new TrainSpec(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, clipNorm, maxSteps,
        beta2, m);
  }
}
