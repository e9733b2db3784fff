def build(model_class, features, label, params, optimizer, data):
    return {"model_class": model_class}
