"""The supported model classes, built as functional Keras models (contract section 3).

Classifiers output logits (one per class) trained with sparse categorical cross-entropy on class ids
0..n_classes-1; regressors output label_dimension values trained with mean squared error.
"""
from dataclasses import dataclass

import keras
import tensorflow as tf

from . import features as feature_specs


@dataclass(frozen=True)
class ModelClass:
    task: str  # "class" | "regression", matches LABEL["kind"]
    deep: bool  # has a Dense stack
    wide: bool  # has a linear part
    targets: tuple  # feature targets it reads
    params: frozenset  # accepted MODEL_PARAMS keys
    optimizer: dict  # default OPTIMIZER


_DNN = frozenset({"hidden_units", "activation", "dropout"})
_COMBINED = frozenset({"dnn_hidden_units", "activation", "dropout"})
_ONE = ("feature_columns",)
_TWO = ("linear_feature_columns", "dnn_feature_columns")
_DNN_OPTIMIZER = {"name": "Adagrad", "learning_rate": 0.1}
_LINEAR_OPTIMIZER = {"name": "Ftrl", "learning_rate": 0.5}

MODEL_CLASSES = {
    "DNNClassifier": ModelClass("class", True, False, _ONE, _DNN | {"n_classes"}, _DNN_OPTIMIZER),
    "DNNRegressor": ModelClass("regression", True, False, _ONE, _DNN | {"label_dimension"}, _DNN_OPTIMIZER),
    "LinearClassifier": ModelClass("class", False, True, _ONE, frozenset({"n_classes"}), _LINEAR_OPTIMIZER),
    "LinearRegressor": ModelClass("regression", False, True, _ONE, frozenset({"label_dimension"}), _LINEAR_OPTIMIZER),
    "DNNLinearCombinedClassifier": ModelClass("class", True, True, _TWO, _COMBINED | {"n_classes"}, _DNN_OPTIMIZER),
    "DNNLinearCombinedRegressor": ModelClass(
        "regression", True, True, _TWO, _COMBINED | {"label_dimension"}, _DNN_OPTIMIZER),
}

OPTIMIZERS = ("Adagrad", "Adam", "SGD", "RMSprop", "Ftrl", "Adadelta", "Adamax", "Nadam")

DEFAULT_HIDDEN_UNITS = [10, 10]
DEFAULT_N_CLASSES = 2


def model_class(name):
    """The ModelClass called `name`; ValueError naming the supported ones otherwise."""
    found = MODEL_CLASSES.get(name)
    if found is None:
        raise ValueError(f"unknown model class {name!r}; supported: {', '.join(MODEL_CLASSES)}")
    return found


def is_classifier(name):
    return model_class(name).task == "class"


def build(model_class_name, features, label, params, optimizer, data, linear_optimizer=None):
    """A compiled keras.Model with one named input per feed column the features use.

    `data` is the training feed ({column: numpy array}); numeric normalization is adapted on it.
    `linear_optimizer`: a combined model's linear part's own optimizer (then `optimizer` trains the DNN
    part, and a missing name means Ftrl for the linear part, Adagrad for the DNN part, as SQLFlow's
    combined estimators); None trains the whole model with `optimizer`.
    """
    spec = model_class(model_class_name)
    params = dict(params or {})
    for key in params:
        if key not in spec.params:
            raise ValueError(
                f"unknown parameter {key!r} for {model_class_name}; accepted: {', '.join(sorted(spec.params))}")
    _check_label(label, spec, model_class_name)
    for target in features:
        if target not in spec.targets:
            raise ValueError(f"{model_class_name} takes {' and '.join(spec.targets)}, not {target}")
    if not any(features.get(t) for t in spec.targets):
        raise ValueError(f"{model_class_name} needs at least one feature in {' or '.join(spec.targets)}")

    units = _units(params, spec)
    activation = params.get("activation", "relu")
    try:
        keras.activations.get(activation)
    except (ValueError, TypeError):
        raise ValueError(f"unknown activation {activation!r}") from None
    dropout = params.get("dropout", 0.0)
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"dropout must be a number in [0, 1), got {dropout!r}")
    hidden = _hidden_units(params, "dnn_hidden_units" if spec.wide else "hidden_units") if spec.deep else None

    inputs, tensors = feature_specs.build(features, data)
    logits = []
    if spec.wide:
        wide_target = "feature_columns" if not spec.deep else "linear_feature_columns"
        if wide_target in tensors:
            logits.append(keras.layers.Dense(units, name="linear_logits")(tensors[wide_target]))
    if spec.deep:
        deep_target = "feature_columns" if not spec.wide else "dnn_feature_columns"
        if deep_target in tensors:
            x = tensors[deep_target]
            for i, width in enumerate(hidden):
                x = keras.layers.Dense(width, activation=activation, name=f"hidden_{i}")(x)
                if dropout:
                    x = keras.layers.Dropout(dropout, name=f"dropout_{i}")(x)
            logits.append(keras.layers.Dense(units, name="dnn_logits")(x))
    output = logits[0] if len(logits) == 1 else keras.layers.Add(name="logits")(logits)

    if spec.task == "class":
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    else:
        loss = keras.losses.MeanSquaredError()
    if linear_optimizer is None:
        model = keras.Model(inputs=inputs, outputs=output, name=model_class_name)
        model.compile(optimizer=make_optimizer(optimizer, model_class_name), loss=loss, jit_compile=False)
        return model
    if not (spec.wide and spec.deep):
        raise ValueError(f"{model_class_name} has no linear and DNN parts to give their own optimizers")
    linear_paths = _linear_only_variables(inputs, tensors, logits, output)
    model = TwoPartModel(inputs=inputs, outputs=output, name=model_class_name, linear_variables=linear_paths,
                         linear_optimizer=make_optimizer(linear_optimizer, "LinearClassifier"))
    model.compile(optimizer=make_optimizer(optimizer, "DNNClassifier"), loss=loss, jit_compile=False)
    return model


def _linear_only_variables(inputs, tensors, logits, output):
    """Paths of the variables only the linear part uses: its logits layer and the feature layers (embeddings)
    that feed the linear features and not the DNN's."""
    linear = keras.Model(inputs=inputs, outputs=logits[0])
    deep = keras.Model(inputs=inputs, outputs=logits[1])
    deep_paths = {v.path for v in deep.trainable_variables}
    return sorted(v.path for v in linear.trainable_variables if v.path not in deep_paths)


@keras.saving.register_keras_serializable(package="sqlflow")
class TwoPartModel(keras.Model):
    """A combined model whose linear and DNN parts have their own optimizers (SQLFlow's linear_optimizer
    and dnn_optimizer): `optimizer` steps the DNN part's variables, `linear_optimizer` the linear part's.

    Saved and loaded as a functional model with both optimizers' configuration and state (iterations,
    accumulators), so that training continued with USING continues them: Keras saves every optimizer the
    model holds, and restores one only if it was built on as many variables, so loading builds each on
    its own part (compile_from_config), in the order train_step first built them.
    """

    def __init__(self, *args, linear_variables=(), linear_optimizer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.linear_variables = list(linear_variables)
        if isinstance(linear_optimizer, dict):
            linear_optimizer = keras.optimizers.deserialize(linear_optimizer)
        self.linear_optimizer = linear_optimizer

    def get_config(self):
        config = super().get_config()
        config["linear_variables"] = self.linear_variables
        config["linear_optimizer"] = keras.optimizers.serialize(self.linear_optimizer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        extra = {"linear_variables": config.pop("linear_variables", ()),
                 "linear_optimizer": config.pop("linear_optimizer", None)}
        model = super().from_config(config, custom_objects)
        model.linear_variables = list(extra["linear_variables"])
        model.linear_optimizer = keras.optimizers.deserialize(extra["linear_optimizer"])
        return model

    def compile_from_config(self, config):
        # Keras' own would build the optimizer on every variable, which train_step never does.
        self.compile(**keras.saving.deserialize_keras_object(config))
        if self.built:
            linear, deep = self._parts()
            self.optimizer.build(deep)
            self.linear_optimizer.build(linear)

    def _parts(self):
        """(linear, deep) trainable variables, each in the model's order."""
        linear_paths = set(self.linear_variables)
        linear = [v for v in self.trainable_variables if v.path in linear_paths]
        deep = [v for v in self.trainable_variables if v.path not in linear_paths]
        return linear, deep

    def train_step(self, data):
        x, y = data[0], data[1]
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        linear, deep = self._parts()
        gradients = tape.gradient(loss, linear + deep)
        self.linear_optimizer.apply(gradients[:len(linear)], linear)
        self.optimizer.apply(gradients[len(linear):], deep)
        return {"loss": loss}


def make_optimizer(optimizer, model_class_name):
    """A Keras optimizer from {"name": ..., "learning_rate": ..., other constructor arguments}.

    Missing name: the model class default (optimizer and learning rate). Missing learning_rate with a
    name: Keras' default for that optimizer. Names are case-insensitive.
    """
    optimizer = dict(optimizer or {})
    if optimizer.get("name") is None:
        default = model_class(model_class_name).optimizer
        optimizer = {**default, **{k: v for k, v in optimizer.items() if v is not None}}
    name = optimizer.pop("name")
    canonical = {o.lower(): o for o in OPTIMIZERS}.get(str(name).lower())
    if canonical is None:
        raise ValueError(f"unknown optimizer {name!r}; supported: {', '.join(OPTIMIZERS)}")
    if optimizer.get("learning_rate") is None:
        optimizer.pop("learning_rate", None)
    try:
        return getattr(keras.optimizers, canonical)(**optimizer)
    except (TypeError, ValueError) as e:
        raise ValueError(f"bad arguments for optimizer {canonical}: {e}") from None


def _check_label(label, spec, model_class_name):
    if not isinstance(label, dict) or not isinstance(label.get("column"), str):
        raise ValueError(f"LABEL must be a dict with a column name, got {label!r}")
    if label.get("kind") != spec.task:
        raise ValueError(f"{model_class_name} needs a label of kind {spec.task!r}, got {label.get('kind')!r}")


def _units(params, spec):
    if spec.task == "class":
        n = params.get("n_classes", DEFAULT_N_CLASSES)
        if isinstance(n, bool) or not isinstance(n, int) or n < 2:
            raise ValueError(f"n_classes must be an integer >= 2, got {n!r}")
        return n
    n = params.get("label_dimension", 1)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"label_dimension must be a positive integer, got {n!r}")
    return n


def _hidden_units(params, key):
    units = params.get(key, DEFAULT_HIDDEN_UNITS)
    if (not isinstance(units, list) or not units
            or not all(isinstance(u, int) and not isinstance(u, bool) and u > 0 for u in units)):
        raise ValueError(f"{key} must be a non-empty list of positive integers, got {units!r}")
    return units
