"""Data-parallel training over Ray Train workers (WITH train.workers = N, Ray backend only).

The program runs as a Ray job's driver. For Keras models TensorflowTrainer starts N workers
(spread over the cluster's nodes) and sets up MultiWorkerMirroredStrategy between them. Every
worker has the job's working directory, so it reads the feed itself: the model's vocabularies and
normalization are built from the whole feed, identically on every worker, and Keras' DATA
auto-sharding gives each worker its share of every global batch (train.batch_size rows, as on one
machine). For XGBoost, XGBoostTrainer starts N workers joined by XGBoost's collective
communication: each boosts on every N-th row of the feed, the trees are built from histograms
summed over all workers, and the round lines' metrics are computed over all rows.
Rank 0's log lines and the trained model come back to the driver through a Ray queue; the driver
prints the lines as they arrive, so the job has one log stream.
"""

import io
import os
import random
import re
import sys
import tempfile
import threading
import traceback
import zipfile

WORKER_TRAIN_KEYS = ("epochs", "batch_size", "verbose", "seed")


class _QueueLines(io.TextIOBase):
    """stdout of a worker: whole lines go to the driver's queue (rank 0) or nowhere."""

    def __init__(self, queue):
        self._queue = queue
        self._pending = ""

    def write(self, text):
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            if self._queue is not None:
                self._queue.put(("line", line))
        return len(text)


def _zip_dir(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for directory, _, names in os.walk(path):
            for name in names:
                full = os.path.join(directory, name)
                archive.write(full, os.path.relpath(full, path))
    return buffer.getvalue()


def _join(queue):
    """A worker's start: into the job's files, its node told, its stdout to the driver (rank 0).
    Returns (rank, number of workers)."""
    import ray
    import ray.train

    # Ray Train runs workers in a directory of its own; the job's files are where the runtime is.
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    context = ray.train.get_context()
    rank = context.get_world_rank()
    queue.put(("node", rank, ray.get_runtime_context().get_node_id()))
    sys.stdout = _QueueLines(queue if rank == 0 else None)
    return rank, context.get_world_size()


def _ship_model(queue, save, metrics):
    """Rank 0's end: the model that save(directory) writes, zipped, to the driver."""
    with tempfile.TemporaryDirectory() as directory:
        save(directory)
        queue.put(("model", _zip_dir(directory), metrics))


def _train_worker(config):
    """One Ray Train worker: build the model under the strategy, train, rank 0 ships results."""
    import tensorflow as tf

    from sqlflow_runtime import feed, models, store, training

    queue = config["queue"]
    rank, _ = _join(queue)
    # One seed for all workers: their shuffles must agree for DATA sharding to split batches.
    training.set_seed(config["train"]["seed"])
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    data = feed.read(config["feed"])
    features, label = config["features"], config["label"]
    with strategy.scope():
        if config["warm_start"] is None:
            model = models.build(
                config["model_class"], features, label, config["model_params"], config["optimizer"], data)
        else:
            # TRAIN ... USING: every worker continues the stored model (weights and optimizer state),
            # its variables made under the strategy, with the stored features and label.
            model, stored = store.load(config["warm_start"])
            features, label = stored["features"], stored["label"]
    metadata = dict(config["metadata"], features=features, label=label)
    metrics = _fit(strategy, model, training.prepare(
        model, data, features, label, config["train"], config["validation"]))
    sys.stdout.flush()
    if rank == 0:
        _ship_model(queue, lambda directory: store.save(directory, model, metadata, metrics), metrics)
    else:
        with tempfile.TemporaryDirectory() as directory:
            # Every worker saves, as MultiWorkerMirroredStrategy expects; rank 0's copy is kept.
            store.save(directory, model, metadata, metrics)


def _boost_worker(config):
    """One XGBoost worker, inside the collective XGBoostTrainer set up: boosts on its share of the
    rows (every N-th from its rank on); rank 0 ships the booster, which every worker holds alike."""
    from sqlflow_runtime import boosting, feed, labels, store

    queue = config["queue"]
    rank, workers = _join(queue)
    data = feed.read(config["feed"])
    share = {name: values[rank::workers] for name, values in data.items()}
    features, booster = config["features"], None
    # Class names get ids from all rows, so every worker numbers them alike.
    label = labels.with_classes(config["label"], data)
    if config["warm_start"] is not None:
        # TRAIN ... USING: more rounds on the stored booster, which every worker loads alike.
        booster, stored = store.load(config["warm_start"])
        features, label = stored["features"], stored["label"]
    metadata = dict(config["metadata"], features=features, label=label)
    booster, metrics = boosting.train(config["model_class"], features, label, config["params"],
                                      config["train"], share, config["validation"], booster)
    sys.stdout.flush()
    if rank == 0:
        _ship_model(queue, lambda directory: store.save(directory, booster, metadata, metrics), metrics)


def _fit(strategy, model, run):
    """Keras' fit does not drive MultiWorkerMirroredStrategy across workers in Keras 3, so this
    loop does: each step runs on every worker's share of one global batch, gradients are summed
    across workers by the optimizer, and rank 0's callback prints the epoch line."""
    import tensorflow as tf

    config = dict(model.loss.get_config(), reduction=None)
    per_example_loss = type(model.loss).from_config(config)
    batches = strategy.experimental_distribute_dataset(run.dataset())

    def replica_step(x, y):
        with tf.GradientTape() as tape:
            outputs = model(x, training=True)
            loss = tf.nn.compute_average_loss(per_example_loss(y, outputs), global_batch_size=run.batch_size)
        gradients = tape.gradient(loss, model.trainable_variables)
        model.optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    @tf.function
    def step(x, y):
        losses = strategy.run(replica_step, args=(x, y))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, losses, axis=None)

    run.lines.set_model(model)
    for epoch in range(run.epochs):
        total, steps = 0.0, 0
        for x, y in batches:
            total += float(step(x, y))
            steps += 1
        run.lines.on_epoch_end(epoch, {"loss": total / max(steps, 1)})
    return run.lines.last


def fit(model_class, features, label, model_params, optimizer, feed_dir, train, validation,
        metadata, model_dir, warm_start=None):
    """Trains on train["workers"] Ray workers and saves rank 0's model into model_dir like store.save;
    warm_start: a stored model's directory to continue (TRAIN ... USING)."""
    import ray
    from ray.train.tensorflow import TensorflowTrainer
    from ray.util.queue import Queue

    workers = int(train["workers"])
    worker_train = {key: value for key, value in train.items() if key in WORKER_TRAIN_KEYS}
    if worker_train.get("seed") is None:
        worker_train["seed"] = random.randrange(2**31)
    # Workers' own output would reach this log with Ray's prefixes; rank 0's lines come by queue.
    ray.init(log_to_driver=False)
    queue = Queue()
    trainer = TensorflowTrainer(
        _train_worker,
        train_loop_config={
            "queue": queue, "model_class": model_class, "features": features, "label": label,
            "model_params": model_params, "optimizer": optimizer, "feed": feed_dir,
            "train": worker_train, "validation": validation, "metadata": metadata,
            "warm_start": warm_start,
        },
        **_spread(workers),
    )
    return _drive(trainer, queue, workers, model_dir)


def boost(model_class, features, label, params, feed_dir, train, validation, metadata, model_dir,
          warm_start=None):
    """Boosts on train["workers"] Ray workers and saves rank 0's booster into model_dir like store.save;
    warm_start: a stored booster's directory to continue (TRAIN ... USING)."""
    import ray
    from ray.train.xgboost import XGBoostTrainer
    from ray.util.queue import Queue

    workers = int(train["workers"])
    worker_train = {key: value for key, value in train.items() if key != "workers"}
    ray.init(log_to_driver=False)
    queue = Queue()
    trainer = XGBoostTrainer(
        _boost_worker,
        train_loop_config={
            "queue": queue, "model_class": model_class, "features": features, "label": label,
            "params": params, "feed": feed_dir, "train": worker_train, "validation": validation,
            "metadata": metadata, "warm_start": warm_start,
        },
        **_spread(workers),
    )
    return _drive(trainer, queue, workers, model_dir)


def _spread(workers):
    """The trainers' placement: one CPU per worker, spread over the cluster's nodes."""
    from ray.train import RunConfig, ScalingConfig

    return {
        "scaling_config": ScalingConfig(num_workers=workers, use_gpu=False, resources_per_worker={"CPU": 1},
                                        placement_strategy="SPREAD"),
        "run_config": RunConfig(name=f"sqlflow-{os.getpid()}"),
    }


def _drive(trainer, queue, workers, model_dir):
    """Runs the trainer, printing rank 0's lines as they come; unpacks rank 0's model into model_dir
    and returns its metrics."""
    outcome = {}

    def run():
        try:
            outcome["result"] = trainer.fit()
        except BaseException as error:  # reported on the main thread
            outcome["error"] = error

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    nodes = {}
    result = None
    while runner.is_alive() or not queue.empty():
        try:
            message = queue.get(timeout=0.2)
        except Exception:  # ray.util.queue.Empty
            continue
        if message[0] == "line":
            print(message[1], flush=True)
        elif message[0] == "node":
            nodes[message[1]] = message[2]
            if len(nodes) == workers:
                placed = ", ".join(f"rank {r} on node {nodes[r]}" for r in sorted(nodes))
                print(f"Training on {workers} Ray workers: {placed}", flush=True)
        elif message[0] == "model":
            result = message
    runner.join()
    if "error" in outcome:
        # The whole story for the server's log; the job's failure gets the last line below.
        traceback.print_exception(outcome["error"], file=sys.stderr)
        raise RuntimeError(f"distributed training failed: {_cause(outcome['error'])}") from None
    if result is None:
        raise RuntimeError("distributed training ended without a model from rank 0")
    os.makedirs(model_dir, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(result[1])) as archive:
        archive.extractall(model_dir)
    return result[2]


def _cause(error):
    """One line for the job's failure. Ray reports a worker's exception as text inside its own
    (its traceback's last `SomeError: message` line); other errors are their first line."""
    while error.__cause__ is not None:
        error = error.__cause__
    lines = str(error).strip().splitlines()
    raised = [line.strip() for line in lines if re.match(r"^\s*\w+(Error|Exception): ", line)]
    if raised:
        return raised[-1]
    return f"{type(error).__name__}: {lines[0] if lines else ''}"
