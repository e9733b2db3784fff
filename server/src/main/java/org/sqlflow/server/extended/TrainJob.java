package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.verify.TrainingPlan;

/**
 * TO TRAIN: feed the training (and validation) rows, run the program, store the model. A server
 * that takes the job over follows the program instead ({@link #followUp}).
 */
final class TrainJob implements JobWork {
  private final TrainingPlan plan;
  private final String program;
  private final JobSteps steps;
  private final ModelStore store;

  TrainJob(TrainingPlan plan, String program, JobSteps steps, ModelStore store) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.store = requireNonNull(store, "store");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_TRAINING);
    if (plan.statement().usingModel().isPresent()) {
      store.load(
          steps.db(),
          plan.statement().usingModel().get(),
          context.workDir().resolve(JobFiles.WARM_START_DIR));
    }
    steps.feed(context, plan.statement().select(), JobFiles.TRAIN_FEED, null);
    if (plan.settings().validationSelect().isPresent()) {
      steps.feed(context, plan.settings().validationSelect().get(), JobFiles.VALIDATION_FEED, null);
    }
    steps.runProgram(context, program);
    storeModel(context);
  }

  /**
   * For a server that took the job over: the program an earlier server started, then the model it
   * wrote, stored as {@link #run} would have.
   */
  JobWork followUp() {
    return context -> {
      steps.followProgram(context);
      storeModel(context);
    };
  }

  private void storeModel(JobContext context) throws Exception {
    context.log(LogRows.DONE_TRAINING);
    context.log(LogRows.savingModel(plan.into()));
    store.save(
        steps.db(),
        plan.into(),
        context.workDir().resolve(JobFiles.MODEL_DIR),
        context::checkCancelled);
  }
}
