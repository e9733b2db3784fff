def build(model_class, features, label, params, optimizer, data, linear_optimizer=None):
    return {"model_class": model_class}
